package org.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ledger.app.time.ClockConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The bootstrap ADMIN of an installation without configured accounts: the account part of the application
 * ({@link LedgerAccountsConfiguration}) started on a data directory, and started again on the same one.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdminTest {

    private static final Pattern PRINTED = Pattern.compile("printed this once and never again: (\\S+)");

    private static ApplicationContextRunner start(Path dataDir, String... properties) {
        return new ApplicationContextRunner()
                .withUserConfiguration(LedgerAccountsConfiguration.class, ClockConfiguration.class)
                .withPropertyValues("ledger.data-dir=" + dataDir)
                .withPropertyValues(properties);
    }

    @Test
    void firstStartPrintsAndCreatesSecondStartPrintsNothingAndThePasswordStillWorks(CapturedOutput output)
            throws Exception {
        Path dataDir = newDataDir();
        Path file = dataDir.resolve(BootstrapAdmin.FILE_NAME);
        String[] password = new String[1];

        start(dataDir, "ledger.security.bootstrap-unit=jgw").run(context -> {
            assertThat(context).hasNotFailed();
            Matcher printed = PRINTED.matcher(output.getOut());
            assertThat(printed.find()).as("the password is printed").isTrue();
            password[0] = printed.group(1);
            assertThat(output.getOut()).contains("WARN").contains(BootstrapAdmin.MARK);
            Authentication admin = login(context.getBean(UserDetailsService.class),
                    context.getBean(PasswordEncoder.class), "admin", password[0]);
            LedgerUser user = (LedgerUser) admin.getPrincipal();
            assertThat(user.roleNames()).containsExactly("ADMIN");
            assertThat(user.getUnit()).isEqualTo("jgw");
        });
        assertThat(password[0]).hasSizeGreaterThanOrEqualTo(20);
        String stored = Files.readString(file);
        assertThat(stored).contains("password={bcrypt}").doesNotContain(password[0]);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        int printedSoFar = output.getOut().length();

        start(dataDir).run(context -> {
            assertThat(context).hasNotFailed();
            String secondStart = output.getOut().substring(printedSoFar);
            assertThat(secondStart).doesNotContain(password[0]).doesNotContain(BootstrapAdmin.MARK);
            UserDetailsService users = context.getBean(UserDetailsService.class);
            PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
            LedgerUser user = (LedgerUser) login(users, encoder, "admin", password[0]).getPrincipal();
            assertThat(user.getUnit()).as("bootstrap-unit is read at every start; none by default").isNull();
            assertThatThrownBy(() -> login(users, encoder, "admin", "admin"))
                    .isInstanceOf(BadCredentialsException.class);
        });
        assertThat(Files.readString(file)).isEqualTo(stored);
    }

    @Test
    void configuredAccountsDisableTheBootstrapAccount(CapturedOutput output) {
        Path dataDir = newDataDir();
        start(dataDir,
                "ledger.security.accounts[0].username=supervisor",
                "ledger.security.accounts[0].password={noop}supervisor-pw",
                "ledger.security.accounts[0].roles=SUPERVISOR",
                "ledger.security.accounts[0].unit=jgw").run(context -> {
            assertThat(context).hasNotFailed();
            UserDetailsService users = context.getBean(UserDetailsService.class);
            assertThat(login(users, context.getBean(PasswordEncoder.class), "supervisor", "supervisor-pw")
                    .isAuthenticated()).isTrue();
            assertThatThrownBy(() -> users.loadUserByUsername("admin")).isInstanceOf(UsernameNotFoundException.class);
        });
        assertThat(dataDir.resolve(BootstrapAdmin.FILE_NAME)).doesNotExist();
        assertThat(output.getOut()).doesNotContain(BootstrapAdmin.MARK);
    }

    @Test
    void aDamagedFileStopsTheStartRatherThanGuessing() throws Exception {
        Path dataDir = newDataDir();
        Files.writeString(dataDir.resolve(BootstrapAdmin.FILE_NAME), "username=admin\npassword={noop}admin\n");
        start(dataDir).run(context -> assertThat(context).hasFailed());
    }

    private static Authentication login(UserDetailsService users, PasswordEncoder encoder, String name,
                                        String password) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, password));
    }

    /** A fresh directory under target/test-data, like the other app tests use. */
    static Path newDataDir() {
        try {
            Path root = Path.of("target", "test-data");
            Files.createDirectories(root);
            return Files.createTempDirectory(root.toAbsolutePath(), "ledger-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
