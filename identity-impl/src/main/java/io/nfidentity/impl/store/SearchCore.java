package io.nfidentity.impl.store;

import java.util.Set;

/**
 * The part of a search term the trigram index should look for. A trigram that most users share (the {@code user-} of
 * generated addresses, a company's domain, a common first name) makes the index read a posting list as long as the
 * table to find the few users the rest of the term names; leaving it out of the index's pattern, and checking the
 * whole term with {@code POSITION} afterwards, finds the same users. The core is the longest run of the term whose
 * every three characters are not {@link #common}; a term with no such run is searched as it is.
 */
record SearchCore(String indexed, boolean pruned) {

    /**
     * @param term the lower-cased search term
     * @param common trigrams shared by many users, as the store last sampled them (empty: none known)
     */
    static SearchCore of(String term, Set<String> common) {
        if (common.isEmpty() || term.length() < 4) {
            return new SearchCore(term, false);
        }
        int bestStart = 0;
        int bestEnd = 0; // exclusive; a run of windows [start, end) covers characters [start, end + 2)
        int start = 0;
        for (int i = 0; i + 3 <= term.length(); i++) {
            if (common.contains(term.substring(i, i + 3))) {
                start = i + 1;
            } else if (i + 1 - start > bestEnd - bestStart) {
                bestStart = start;
                bestEnd = i + 1;
            }
        }
        if (bestEnd == bestStart) {
            return new SearchCore(term, false); // every part is common: the index cannot narrow it anyway
        }
        String core = term.substring(bestStart, bestEnd + 2);
        return new SearchCore(core, !core.equals(term));
    }
}
