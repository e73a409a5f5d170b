using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Secrets;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.Secrets;

public class SecretNameTests
{
    [Theory]
    [InlineData("POSTGRES_PASSWORD")]
    [InlineData("MYSQL_ROOT_PASSWORD")]
    [InlineData("DB_PASSWD")]
    [InlineData("DB_PASS")]
    [InlineData("PGADMIN_PW")]
    [InlineData("BACKUP_PASSPHRASE")]
    [InlineData("JWT_SECRET")]
    [InlineData("NEXTAUTH_SECRET")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("FULEXO_INTERNAL_API_TOKEN")]
    [InlineData("API_KEY")]
    [InlineData("APIKEY")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("PRIVATE_KEY")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("MINIO_SECRET_KEY")]
    [InlineData("ENCRYPTION_KEY")]
    [InlineData("MASTER_KEY_HEX")]
    [InlineData("SECRET_KEY_BASE")]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS_JSON_B64")]
    [InlineData("DB_PASSWORD_PROD")]
    [InlineData("dbPassword")]
    [InlineData("MYSQLROOTPASSWORD")]
    [InlineData("smtp.password")]
    public void Names_that_hold_secrets(string name) => Assert.True(SecretNames.IsSecret(name), name);

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("PUBLIC_KEY")]
    [InlineData("JWT_PUBLIC_KEY")]
    [InlineData("STRIPE_PUBLISHABLE_KEY")]
    [InlineData("RECAPTCHA_SITE_KEY")]
    [InlineData("POSTGRES_PASSWORD_FILE")]
    [InlineData("SSH_KEY_PATH")]
    [InlineData("TOKEN_EXPIRES_IN")]
    [InlineData("JWT_EXPIRES_IN")]
    [InlineData("PASSWORD_MIN_LENGTH")]
    [InlineData("MYSQL_ALLOW_EMPTY_PASSWORD")]
    [InlineData("MYSQL_RANDOM_ROOT_PASSWORD")]
    [InlineData("REDIS_KEY_PREFIX")]
    [InlineData("CACHE_KEY")]
    [InlineData("POSTGRES_USER")]
    [InlineData("KEYCLOAK_URL")]
    [InlineData("PASSENGER_APP_ENV")]
    [InlineData("BYPASS_PROXY")]
    public void Names_that_do_not(string name) => Assert.False(SecretNames.IsSecret(name), name);

    [Theory]
    [InlineData("JWT_SECRET", true)]
    [InlineData("JWT_REFRESH_SECRET", true)]
    [InlineData("SESSION_SECRET", true)]
    [InlineData("COOKIE_SECRET", true)]
    [InlineData("ENCRYPTION_KEY", true)]
    [InlineData("MASTER_KEY_HEX", true)]
    [InlineData("SECRET_KEY", true)]
    [InlineData("DJANGO_SECRET_KEY", true)]
    [InlineData("SECRET_KEY_BASE", true)]
    [InlineData("APP_KEY", true)]
    [InlineData("NEXTAUTH_SECRET", true)]
    [InlineData("STRIPE_SECRET_KEY", false)]
    [InlineData("MINIO_SECRET_KEY", false)]
    [InlineData("CLIENT_SECRET", false)]
    [InlineData("DB_PASSWORD", false)]
    [InlineData("GITHUB_TOKEN", false)]
    public void Signing_secrets(string name, bool signing) => Assert.Equal(signing, SecretNames.IsSigningSecret(name));

    [Theory]
    [InlineData("POSTGRES_PASSWORD", "POSTGRES_USER", true)]
    [InlineData("DB_PASSWORD", "DB_USERNAME", true)]
    [InlineData("MINIO_ROOT_PASSWORD", "MINIO_ROOT_USER", true)]
    [InlineData("MINIO_SECRET_KEY", "MINIO_ACCESS_KEY", true)]
    [InlineData("MYSQL_ROOT_PASSWORD", "MYSQL_USER", true)]
    [InlineData("POSTGRES_PASSWORD", "MYSQL_USER", false)]
    [InlineData("POSTGRES_PASSWORD", "POSTGRES_DB", false)]
    public void User_variables_go_with_their_secret(string secret, string user, bool paired) =>
        Assert.Equal(paired, SecretNames.IsUserFor(user, SecretNames.Owner(secret)));
}

public class WeakSecretTests
{
    [Theory]
    [InlineData("postgres", WeakReason.KnownDefault)]
    [InlineData("changeme", WeakReason.Placeholder)]
    [InlineData("rabbitmq", WeakReason.KnownDefault)]
    [InlineData("minioadmin", WeakReason.KnownDefault)]
    [InlineData("guest", WeakReason.KnownDefault)]
    [InlineData("django-insecure-8s!k2@t0z#p_q4wx^7r5m9c6v3b1n8h2j4k", WeakReason.KnownDefault)]
    [InlineData("<your-strong-password>", WeakReason.Placeholder)]
    [InlineData("your_secret_here", WeakReason.Placeholder)]
    [InlineData("change_this_to_something_long", WeakReason.Placeholder)]
    [InlineData("xxxxxxxx", WeakReason.Placeholder)]
    [InlineData("P@ssw0rd2024!", WeakReason.DictionaryWord)]
    [InlineData("Summer2025", WeakReason.DictionaryWord)]
    [InlineData("Xk9mP2qZ", WeakReason.TooShort)]
    [InlineData("aaaaaaaabbbbbbbb", WeakReason.LowEntropy)]
    [InlineData("abcdefghijklmnop", WeakReason.LowEntropy)]
    [InlineData("123456789012", WeakReason.LowEntropy)]
    public void Weak_values_and_why(string value, WeakReason reason) =>
        Assert.Equal(reason, WeakSecrets.Judge(value, user: null, ownerWords: new[] { "DB" }));

    [Fact]
    public void The_user_name_and_the_service_name_are_weak()
    {
        Assert.Equal(WeakReason.EqualsUser, WeakSecrets.Judge("Clepto", "clepto", new[] { "POSTGRES" }));
        Assert.Equal(WeakReason.NamedAfterService, WeakSecrets.Judge("keydb", null, new[] { "KEYDB" }));
    }

    [Theory]
    [InlineData("qFAI1TBW14wRRi3VwWjmqNmnMPkIaZXA")]
    [InlineData("03e3b97a697cc03d79454b6b2b278192174ebdbbbfce84baef1ba63620cc75d3")]
    [InlineData("EspaO3nTfQrLMa2TIkfNuSm3K1xZZmj58q00McDOGPw")]
    [InlineData("correct-horse-battery-staple-9")]
    public void Generated_values_are_not_weak(string value) => Assert.Null(WeakSecrets.Judge(value, "app", new[] { "DB" }));
}

public class SecretMaskTests
{
    [Theory]
    [InlineData("changeme", "ch******")]
    [InlineData("postgres", "po******")]
    [InlineData("abc", "***")]
    [InlineData("a", "*")]
    [InlineData("abcd", "a***")]
    [InlineData("AKIAYFCLHWY6TVPO4BWO", "AK**********")]
    [InlineData(" leading", "********")]
    [InlineData("", "")]
    public void Mask_shows_two_characters_at_most_and_never_a_quarter_or_more(string value, string masked) =>
        Assert.Equal(masked, SecretMask.Mask(value));

    [Fact]
    public void Mask_never_reveals_more_than_a_quarter_of_any_value()
    {
        for (var length = 1; length <= 64; length++)
        {
            var value = new string('s', length);
            var shown = SecretMask.Mask(value).TakeWhile(c => c != '*').Count();
            Assert.True(shown <= 2 && (shown == 0 || shown * 4 <= length), $"length {length}: {shown} shown");
        }
    }
}

public class CredentialFormatTests
{
    [Theory]
    [InlineData("aws-access-key-id", "AKIAYFCLHWY6TVPO4BWO")]
    [InlineData("aws-secret-access-key", "aws_secret_access_key = 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")]
    [InlineData("github-token", "ghp_h5F1JOX7GaWR8AIo5fnnxDslLdmlu2mbgZJR")]
    [InlineData("github-token", "github_pat_11ABCDEFG0h5F1JOX7GaWR8A_Io5fnnxDslLdmlu2mbgZJRBTc3c1yFiWeTphPy60R2KmPFlOaJidyl3IOW")]
    [InlineData("gitlab-token", "glpat-xbdIOeyHg9KPvMWstqKr")]
    [InlineData("slack-token", "xoxb-2619453710-3Uf6SdX08q792bZiWiXsX6qV")]
    [InlineData("slack-webhook", "https://hooks.slack.com/services/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")]
    [InlineData("stripe-secret-key", "sk_live_h5F1JOX7GaWR8AIo5fnnxDslLdmlu2mb")]
    [InlineData("google-api-key", "AIzaSyD6WFquh4zXNocYHQoFs4fGVOn4bvBUCy0")]
    [InlineData("openai-api-key", "sk-proj-h5F1JOX7GaWR8AIo5fnnT3BlbkFJxDslLdmlu2mbgZJR")]
    [InlineData("npm-token", "npm_h5F1JOX7GaWR8AIo5fnnxDslLdmlu2mbgZJR")]
    [InlineData("docker-hub-token", "dckr_pat_h5F1JOX7GaWR8AIo5fnnxDslLdm")]
    [InlineData("sendgrid-api-key", "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")]
    [InlineData("digitalocean-token", "dop_v1_03e3b97a697cc03d79454b6b2b278192174ebdbbbfce84baef1ba63620cc75d3")]
    [InlineData("telegram-bot-token", "1234567890:AAh5F1JOX7GaWR8AIo5fnnxDslLdmlu2mbg")]
    [InlineData("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJzZXJ2aWNlIn0.qFAI1TBW14wRRi3VwWjmqNmnMPkIaZXA")]
    [InlineData("private-key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAqFAI1TBW14wRRi3VwWjmqNmnMPkIaZXA6WFquh4zXNocYHQoFs4fGVOn4bvBU\n-----END RSA PRIVATE KEY-----")]
    public void Each_format_is_recognised(string format, string text)
    {
        var match = Assert.Single(CredentialFormat.FindAll("value: " + text + "\n"));
        Assert.Equal(format, match.Format.Id);
    }

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("ghp_123456789012345678901234567890123456")]
    [InlineData("sk_live_000000000000000000000000")]
    [InlineData("sk_test_h5F1JOX7GaWR8AIo5fnnxDslLdmlu2mb")]
    [InlineData("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0")]
    [InlineData("ssl_certificate_key /etc/ssl/private/example.key;")]
    [InlineData("the AKIA prefix alone, and ghp_ in prose")]
    public void Examples_placeholders_and_prose_are_not_credentials(string text) =>
        Assert.Empty(CredentialFormat.FindAll(text));

    [Fact]
    public void Matches_point_at_the_credential_itself()
    {
        const string text = "GITHUB_TOKEN=ghp_h5F1JOX7GaWR8AIo5fnnxDslLdmlu2mbgZJR # bot\n";
        var match = Assert.Single(CredentialFormat.FindAll(text));
        Assert.Equal("ghp_h5F1JOX7GaWR8AIo5fnnxDslLdmlu2mbgZJR", text.Substring(match.Span.Start, match.Span.Length));
    }
}

public class SecretIndexTests
{
    private static readonly SourceFile File = new(".env", "/x/.env",
        SourceText.From("A=plain\nDB_PASSWORD=qFAI1TBW14wRRi3VwWjmqNmnMPkIaZXA\nURL=postgres://app:hunter2x@db/app\n"));

    [Fact]
    public void Redact_stars_out_marked_places_and_keeps_columns()
    {
        var index = new SecretIndex();
        var text = File.Text.ToString();
        var start = text.IndexOf("qFAI", System.StringComparison.Ordinal);
        index.Mark(File, new TextSpan(start, 32));
        index.MarkByForm(File);
        Assert.Equal("DB_PASSWORD=" + new string('*', 32), index.RedactLine(File, 1));
        Assert.Equal("URL=postgres://app:********@db/app", index.RedactLine(File, 2));
        Assert.Equal("A=plain", index.RedactLine(File, 0));
    }

    [Fact]
    public void Dot_env_names_are_never_secret_but_key_material_where_a_name_belongs_is()
    {
        var file = new SourceFile(".env", "/x/.env", SourceText.From(
            "NOTIFUSE_SECRET_KEY=x\nFULEXO_INTERNAL_API_TOKEN=y\nnotifuse.secret-key=z\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ=w\n"));
        var document = Stacklint.Formats.DotEnv.DotEnvParser.Read(file);
        var index = new SecretIndex();
        Stacklint.Stack.DotEnvLoader.MarkSecrets(document, index);
        Assert.Equal("NOTIFUSE_SECRET_KEY=*", index.RedactLine(file, 0));
        Assert.Equal("FULEXO_INTERNAL_API_TOKEN=*", index.RedactLine(file, 1));
        Assert.StartsWith("notifuse.secret-key=", index.RedactLine(file, 2));
        Assert.StartsWith("****", index.RedactLine(file, 3));
    }

    [Fact]
    public void Messages_lose_long_generated_secrets_but_keep_words()
    {
        var index = new SecretIndex();
        var text = File.Text.ToString();
        index.Mark(File, new TextSpan(text.IndexOf("qFAI", System.StringComparison.Ordinal), 32));
        index.Mark(File, new TextSpan(text.IndexOf("plain", System.StringComparison.Ordinal), 5));
        Assert.Equal("value qF********** here, plain words stay", index.RedactMessage("value qFAI1TBW14wRRi3VwWjmqNmnMPkIaZXA here, plain words stay"));
    }
}
