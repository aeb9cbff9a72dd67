package io.nfidentity.sample;

import io.nfidentity.Identity;
import io.nfidentity.User;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** Where login and signup redirect to: the facade works in a plain servlet too. */
@WebServlet("/dashboard")
public class DashboardServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient Identity identity;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Optional<User> user = identity.currentUser();
        if (user.isEmpty()) {
            res.sendRedirect("/");
            return;
        }
        res.setContentType("text/html;charset=UTF-8");
        String email =
                user.get().email().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        res.getWriter()
                .write(
                        "<!doctype html><title>Dashboard</title><h1>Dashboard</h1><p>Logged in as " + email
                                + ", roles "
                                + String.join(", ", user.get().roles()).replace("<", "&lt;") + "</p>"
                                + "<p><a href=\"/admin/\">Admin page</a> (role admin)</p>"
                                + "<button onclick=\"fetch('/api/logout',{method:'POST'}).then(()=>location='/')\">Log out</button>");
    }
}
