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
        User u = user.get();
        String name = java.util.Objects.toString(u.name(), "");
        res.getWriter()
                .write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>Dashboard · nf-identity sample</title><link rel=\"stylesheet\" href=\"sample.css\">"
                        + "<script src=\"dashboard.js\" defer></script></head><body>"
                        + "<header><strong>nf-identity sample</strong><a href=\"./\">Start</a>"
                        + "<a href=\"/.netlify/identity/account/\">Your account</a>"
                        + "<a href=\"/.netlify/identity/console/\">Console</a></header><main>"
                        + "<h1>Dashboard</h1><p class=\"lead\">What this servlet reads with"
                        + " <code>identity.currentUser()</code>, from the verified <code>nf_jwt</code> cookie.</p>"
                        + "<section><p>Logged in as <strong>" + html(u.email()) + "</strong>"
                        + (name.isEmpty() ? "" : " (" + html(name) + ")") + "</p><p>Roles: "
                        + html(u.roles().isEmpty() ? "none" : String.join(", ", u.roles())) + "</p>"
                        + "<p><a href=\"/admin/\">Admin page</a>: a <code>web.xml</code> constraint, role admin.</p>"
                        + "<p><button id=\"logout\">Log out</button></p></section></main></body></html>");
    }

    /** Text into HTML: whatever a user typed as their name stays text. */
    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
