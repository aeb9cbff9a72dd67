package io.nfidentity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests of the console and the account page share: waiting for the status line, the accessibility
 * check with axe-core (npm, installed by the sample's build next to Netlify's client), and screenshots for the docs.
 */
final class PageChecks {
    static final Path AXE = Path.of(System.getProperty(
            "it.axe", "../identity-ear-sample/sample-web/target/js/node_modules/axe-core/axe.min.js"));
    static final Path SHOTS = Path.of("target/screenshots");

    private PageChecks() {}

    /** Waits until the status line reports an outcome (ok or error) after {@code before}; its kind and text. */
    static String[] awaitStatus(WebDriver driver, String before) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            var line = d.findElement(By.id("status"));
            String count = line.getAttribute("data-count");
            String kind = line.getAttribute("data-kind");
            return count != null && !count.equals(before) && ("ok".equals(kind) || "error".equals(kind));
        });
        var line = driver.findElement(By.id("status"));
        return new String[] {line.getAttribute("data-kind"), line.getText()};
    }

    /** Clears a field the page shows and types into it. */
    static void type(WebDriverWait wait, By where, String text) {
        org.openqa.selenium.WebElement e =
                wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(where));
        e.clear();
        e.sendKeys(text);
    }

    /** Clicks and waits for the outcome on the status line; its kind and text. */
    static String[] click(WebDriver driver, WebDriverWait wait, By what) {
        String before = statusCount(driver);
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(what))
                .click();
        return awaitStatus(driver, before);
    }

    static String statusCount(WebDriver driver) {
        return String.valueOf(driver.findElement(By.id("status")).getAttribute("data-count"));
    }

    /** axe-core on the page as it is: no serious or critical violation of WCAG 2 A/AA. */
    @SuppressWarnings("unchecked")
    static void accessible(WebDriver driver, String page) throws Exception {
        assumeTrue(Files.isReadable(AXE), "axe-core is not installed (the sample's build installs it where npm is)");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(Files.readString(AXE));
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target).join(' | '))),"
                + " e => done(['axe failed: ' + e]));");
        List<String> violations = (List<String>) result;
        assertEquals(List.of(), violations, page + ": serious or critical accessibility violations");
    }

    /** A screenshot of the page, for docs/console.md. */
    static void screenshot(WebDriver driver, String name) throws Exception {
        Files.createDirectories(SHOTS);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 900));
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    static Map<String, String> headers(Http.Res r, String... names) {
        return java.util.Arrays.stream(names)
                .collect(Collectors.toMap(n -> n, n -> r.header(n).orElse("(none)")));
    }
}
