package io.nfidentity.impl.rest.resource;

import io.nfidentity.BadPaginationException;
import io.nfidentity.IdentityException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * GoTrue's paging of admin listings: {@code page} and {@code per_page} in, {@code X-Total-Count} and a {@code Link}
 * header ({@code next}, {@code last}) out; or, with {@code cursor}, keyset pages linked by {@code next} alone.
 */
final class PageLinks {
    static final int DEFAULT_PER_PAGE = 50;
    static final int MAX_PER_PAGE = 1000;

    private PageLinks() {}

    /** A positive number parameter, or its default when absent. */
    static int positive(String value, int dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw badPagination();
            }
            return n;
        } catch (NumberFormatException e) {
            throw badPagination();
        }
    }

    /** {@code per_page}: 1 to {@link #MAX_PER_PAGE}, {@link #DEFAULT_PER_PAGE} when absent. */
    static int perPage(String value) {
        int n = positive(value, DEFAULT_PER_PAGE);
        if (n > MAX_PER_PAGE) {
            throw badPagination();
        }
        return n;
    }

    static IdentityException badPagination() {
        return new BadPaginationException("Bad Pagination Parameters");
    }

    /** Adds {@code X-Total-Count} (when counted) and {@code Link} to the answer. */
    static Response.ResponseBuilder headers(
            Response.ResponseBuilder r,
            UriInfo uri,
            int page,
            int perPage,
            Long total,
            String nextCursor,
            boolean byCursor) {
        if (total != null) {
            r.header("X-Total-Count", total);
        }
        List<String> links = new ArrayList<>();
        if (byCursor) {
            if (nextCursor != null) {
                links.add("<"
                        + uri.getRequestUriBuilder()
                                .replaceQueryParam("cursor", nextCursor)
                                .build() + ">; rel=\"next\"");
            }
        } else {
            long count = total == null ? 0 : total;
            long last = Math.max(1, (count + perPage - 1) / perPage);
            if (page < last) {
                links.add("<" + pageUri(uri, page + 1, perPage) + ">; rel=\"next\"");
            }
            links.add("<" + pageUri(uri, last, perPage) + ">; rel=\"last\"");
        }
        if (!links.isEmpty()) {
            r.header("Link", String.join(", ", links));
        }
        return r;
    }

    private static String pageUri(UriInfo uri, long page, int perPage) {
        return uri.getRequestUriBuilder()
                .replaceQueryParam("page", page)
                .replaceQueryParam("per_page", perPage)
                .build()
                .toString();
    }
}
