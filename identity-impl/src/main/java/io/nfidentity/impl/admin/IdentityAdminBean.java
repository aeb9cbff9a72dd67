package io.nfidentity.impl.admin;

import io.nfidentity.IdentityAdmin;
import io.nfidentity.User;
import io.nfidentity.ValidationException;
import io.nfidentity.impl.password.PasswordHasher;
import io.nfidentity.impl.password.PasswordPolicy;
import io.nfidentity.impl.session.EmailAddress;
import io.nfidentity.impl.session.SessionService;
import io.nfidentity.impl.store.UserRow;
import io.nfidentity.impl.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/** {@link IdentityAdmin} over the user store. */
@ApplicationScoped
public class IdentityAdminBean implements IdentityAdmin {
    private static final Logger LOG = Logger.getLogger(IdentityAdminBean.class.getName());
    static final int MAX_PER_PAGE = 1000;

    @Inject
    UserStore users;

    @Inject
    SessionService sessions;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicy policy;

    @Override
    public UserPage listUsers(int page, int perPage) {
        if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new ValidationException("bad_pagination", "page must be 1 or more and per_page 1 to " + MAX_PER_PAGE);
        }
        List<User> list = users.page((page - 1) * perPage, perPage).stream()
                .map(UserRow::toUser)
                .toList();
        return new UserPage(list, users.count());
    }

    @Override
    public Optional<User> getUser(UUID id) {
        return id == null ? Optional.empty() : users.findById(id).map(UserRow::toUser);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return EmailAddress.plausible(email) ? users.findByEmail(email).map(UserRow::toUser) : Optional.empty();
    }

    /**
     * Creates the configured first administrator if no user has that address yet. An existing user is left exactly
     * as it is: the configuration seeds an empty instance and never overrides what an administrator changed.
     */
    @Transactional
    public void bootstrapAdmin(String email, String password, String role) {
        String address = EmailAddress.require(email);
        if (users.findByEmail(address).isPresent()) {
            return;
        }
        policy.check(password);
        users.insert(sessions.newUser(address, hasher.hash(password), null, true, List.of(role)));
        LOG.info(() -> "NFID0010: created the bootstrap administrator " + address);
    }
}
