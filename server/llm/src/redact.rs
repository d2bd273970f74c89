//! Secret redaction: everything that leaves the machine goes through [`redact`] first.
//! Depends on `regex` only.
//!
//! Known token formats, PEM private keys, passwords in literals and connection strings,
//! `.env`-style assignments and high-entropy string literals are replaced with
//! `<redacted:KIND>`. Line breaks inside a redacted span are kept, so line numbers the
//! model reports still point at the right lines.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// The redacted text and what was removed (kind → count).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Redaction {
    pub text: String,
    pub removed: BTreeMap<&'static str, usize>,
}

impl Redaction {
    /// How many secrets were replaced.
    pub fn count(&self) -> usize {
        self.removed.values().sum()
    }
}

struct TokenFormat {
    kind: &'static str,
    pattern: Regex,
}

fn regex(pattern: &str) -> Regex {
    // The patterns are literals of this file, checked by the tests below.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in redaction pattern: {e}"))
}

static PRIVATE_KEY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\z)",
    )
});

static CONNECTION_CREDENTIALS: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"(?i)\b([a-z][a-z0-9+.\-]{1,20}://)([^\s:/@"'`]+):([^\s@/"'`]+)@"#));

static TOKEN_FORMATS: LazyLock<Vec<TokenFormat>> = LazyLock::new(|| {
    [
        (
            "aws_access_key",
            r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b",
        ),
        (
            "github_token",
            r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b",
        ),
        ("github_token", r"\bgithub_pat_[A-Za-z0-9_]{30,}"),
        ("slack_token", r"\bxox[abposre]-[A-Za-z0-9-]{10,}"),
        (
            "slack_webhook",
            r"https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+",
        ),
        (
            "stripe_key",
            r"\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}",
        ),
        (
            "api_key",
            r"\bsk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}",
        ),
        ("google_api_key", r"\bAIza[0-9A-Za-z_\-]{35}"),
        (
            "jwt",
            r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}",
        ),
    ]
    .into_iter()
    .map(|(kind, pattern)| TokenFormat {
        kind,
        pattern: regex(pattern),
    })
    .collect()
});

/// `password = "…"`, `"api_key": '…'`, `secret => "…"`: the literal after a secret-ish name.
static SECRET_ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"(?i)((?:password|passwd|passphrase|pwd|secret|secret_?key|api_?key|access_?key|access_?token|auth_?token|client_?secret|private_?key|token)["']?\s*(?:=|:|=>|:=)\s*)(?:"([^"\n]+)"|'([^'\n]+)'|`([^`\n]+)`)"#,
    )
});

/// `Server=db;Pwd=hunter2;`, `?password=hunter2&`, `--password=hunter2`: unquoted values
/// in connection strings and command lines. The `;?&"'-` before the name keeps keyword
/// arguments such as `connect(password=pw)` out: a variable name is no secret.
static INLINE_PASSWORD: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"(?i)([;?&"'\-](?:pwd|password|passwd)=)([^;&\s"'`<),]+)"#));

/// `export DB_PASSWORD=…`, `API_TOKEN=…`: environment-style assignments of secret names.
static ENV_SECRET_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?m)^(\s*(?:export\s+)?[A-Z_][A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIALS?|AUTH)[A-Z0-9_]*\s*=\s*)(\S[^\n]*)$",
    )
});

/// Any `KEY=value` line, for files that are `.env` files as a whole.
static ENV_ANY_LINE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?m)^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.]*\s*=\s*)(\S[^\n]*)$"));

static STRING_LITERAL: LazyLock<Regex> =
    LazyLock::new(|| regex(r#""([^"\\\s]{20,})"|'([^'\\\s]{20,})'|`([^`\\\s$]{20,})`"#));

/// Redacts secrets in source text.
pub fn redact(text: &str) -> Redaction {
    let mut removed = BTreeMap::new();
    let mut out = replace_whole(&PRIVATE_KEY, text, "private_key", &mut removed);
    out = CONNECTION_CREDENTIALS
        .replace_all(&out, |c: &Captures| {
            if is_redacted(&c[3]) {
                return c[0].to_string();
            }
            bump(&mut removed, "connection_password");
            format!("{}{}:<redacted:connection_password>@", &c[1], &c[2])
        })
        .into_owned();
    for format in TOKEN_FORMATS.iter() {
        out = replace_whole(&format.pattern, &out, format.kind, &mut removed);
    }
    out = SECRET_ASSIGNMENT
        .replace_all(&out, |c: &Captures| {
            let (value, quote) = match (c.get(2), c.get(3), c.get(4)) {
                (Some(v), _, _) => (v.as_str(), '"'),
                (_, Some(v), _) => (v.as_str(), '\''),
                (_, _, Some(v)) => (v.as_str(), '`'),
                _ => return c[0].to_string(),
            };
            if is_redacted(value) || looks_like_placeholder(value) {
                return c[0].to_string();
            }
            bump(&mut removed, "password");
            format!("{}{quote}<redacted:password>{quote}", &c[1])
        })
        .into_owned();
    out = replace_value(&INLINE_PASSWORD, &out, "password", &mut removed);
    out = ENV_SECRET_LINE
        .replace_all(&out, |c: &Captures| {
            if is_redacted(&c[2]) || is_code_reference(&c[2]) {
                return c[0].to_string();
            }
            bump(&mut removed, "env_secret");
            format!("{}<redacted:env_secret>", &c[1])
        })
        .into_owned();
    out = STRING_LITERAL
        .replace_all(&out, |c: &Captures| {
            let (value, quote) = match (c.get(1), c.get(2), c.get(3)) {
                (Some(v), _, _) => (v.as_str(), '"'),
                (_, Some(v), _) => (v.as_str(), '\''),
                (_, _, Some(v)) => (v.as_str(), '`'),
                _ => return c[0].to_string(),
            };
            if looks_high_entropy(value) {
                bump(&mut removed, "high_entropy");
                format!("{quote}<redacted:high_entropy>{quote}")
            } else {
                c[0].to_string()
            }
        })
        .into_owned();
    Redaction { text: out, removed }
}

/// Redacts a whole `.env`-style file: every `NAME=value` keeps its name and loses its value.
pub fn redact_env_file(text: &str) -> Redaction {
    let mut first = redact(text);
    first.text = replace_value(&ENV_ANY_LINE, &first.text, "env_value", &mut first.removed);
    first
}

/// Whether a path names a `.env`-style file (`.env`, `.env.local`, `prod.env`).
pub fn is_env_file(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name == ".env" || name.starts_with(".env.") || name.ends_with(".env")
}

/// Redacts `text` from `path`, whole-file rules included when the path calls for them.
pub fn redact_for_path(path: &str, text: &str) -> Redaction {
    if is_env_file(path) {
        redact_env_file(text)
    } else {
        redact(text)
    }
}

fn bump(removed: &mut BTreeMap<&'static str, usize>, kind: &'static str) {
    *removed.entry(kind).or_insert(0) += 1;
}

fn is_redacted(value: &str) -> bool {
    value.contains("<redacted:")
}

/// `"changeme"`-like and `"${DB_PASSWORD}"`-like values are not secrets worth hiding, but
/// hiding them costs nothing either; only templates are kept so the model sees the flow.
fn looks_like_placeholder(value: &str) -> bool {
    let v = value.trim();
    (v.starts_with("${") && v.ends_with('}')) || (v.starts_with("{{") && v.ends_with("}}"))
}

/// Replaces each whole match, keeping its line breaks.
fn replace_whole(
    pattern: &Regex,
    text: &str,
    kind: &'static str,
    removed: &mut BTreeMap<&'static str, usize>,
) -> String {
    pattern
        .replace_all(text, |c: &Captures| {
            bump(removed, kind);
            let newlines = c[0].matches('\n').count();
            format!("<redacted:{kind}>{}", "\n".repeat(newlines))
        })
        .into_owned()
}

/// Replaces capture group 2, keeping group 1 (the name and the `=`).
fn replace_value(
    pattern: &Regex,
    text: &str,
    kind: &'static str,
    removed: &mut BTreeMap<&'static str, usize>,
) -> String {
    pattern
        .replace_all(text, |c: &Captures| {
            if is_redacted(&c[2]) {
                return c[0].to_string();
            }
            bump(removed, kind);
            format!("{}<redacted:{kind}>", &c[1])
        })
        .into_owned()
}

/// `os.environ["KEY"]`, `getenv("KEY")`, `settings.API_TOKEN`, `"…"`: the value is read
/// from somewhere else (or is a literal other rules judge), and the model should see where.
fn is_code_reference(value: &str) -> bool {
    static DOTTED: LazyLock<Regex> =
        LazyLock::new(|| regex(r"^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+;?$"));
    let v = value.trim();
    v.contains(['(', '[', '{', '$']) || v.starts_with(['"', '\'', '`']) || DOTTED.is_match(v)
}

/// Random-looking literals: long, no spaces, letters and digits mixed, high Shannon
/// entropy, and not a path or URL.
fn looks_high_entropy(value: &str) -> bool {
    if value.len() < 20 || is_redacted(value) {
        return false;
    }
    if value.starts_with('/') || value.starts_with("./") || value.contains("://") {
        return false;
    }
    let has_digit = value.chars().any(|c| c.is_ascii_digit());
    let has_alpha = value.chars().any(|c| c.is_ascii_alphabetic());
    if !(has_digit && has_alpha) {
        return false;
    }
    let entropy = shannon_entropy(value);
    let is_hex = value.chars().all(|c| c.is_ascii_hexdigit());
    if is_hex {
        value.len() >= 32 && entropy >= 3.3
    } else {
        let has_upper = value.chars().any(|c| c.is_ascii_uppercase());
        let has_lower = value.chars().any(|c| c.is_ascii_lowercase());
        has_upper && has_lower && entropy >= 4.0
    }
}

fn shannon_entropy(value: &str) -> f64 {
    let mut counts = [0u32; 256];
    for byte in value.bytes() {
        counts[byte as usize] += 1;
    }
    let len = value.len() as f64;
    counts
        .iter()
        .filter(|&&n| n > 0)
        .map(|&n| {
            let p = f64::from(n) / len;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_gone(input: &str, secret: &str, kind: &str) {
        let r = redact(input);
        assert!(!r.text.contains(secret), "{secret} survived in {}", r.text);
        assert!(
            r.text.contains(&format!("<redacted:{kind}>")),
            "expected kind {kind} in {}",
            r.text
        );
    }

    #[test]
    fn known_token_formats() {
        let cases = [
            (
                "key = AKIAIOSFODNN7EXAMPLE",
                "AKIAIOSFODNN7EXAMPLE",
                "aws_access_key",
            ),
            (
                "t = ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "github_token",
            ),
            (
                "t = gho_16C7e42F292c6912E7710c838347Ae178B4a",
                "gho_16C7e42F292c6912E7710c838347Ae178B4a",
                "github_token",
            ),
            (
                "t = github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
                "github_token",
            ),
            (
                "slack(xoxb-123456789012-abcdefghijkl)",
                "xoxb-123456789012-abcdefghijkl",
                "slack_token",
            ),
            (
                "OPENAI = sk-proj-Abcdefghijklmnop1234567890",
                "sk-proj-Abcdefghijklmnop1234567890",
                "api_key",
            ),
            (
                "k = AIzaSyA1234567890abcdefghijklmnopqrstuv",
                "AIzaSyA1234567890abcdefghijklmnopqrstuv",
                "google_api_key",
            ),
            (
                "stripe.api_key = sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                "stripe_key",
            ),
            (
                "auth(eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N)",
                "dozjgNryP4J3jVmNHl0w5N",
                "jwt",
            ),
        ];
        for (input, secret, kind) in cases {
            assert_gone(input, secret, kind);
        }
    }

    #[test]
    fn private_key_keeps_line_count() {
        let input = "a = 1\nKEY = \"\"\"-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nqwerty\n-----END RSA PRIVATE KEY-----\"\"\"\nb = 2\n";
        let r = redact(input);
        assert!(!r.text.contains("MIIEpAIBAAKCAQEA7"));
        assert_eq!(r.text.lines().count(), input.lines().count());
        assert!(r.text.ends_with("b = 2\n"));
        assert_eq!(r.removed.get("private_key"), Some(&1));
    }

    #[test]
    fn passwords_in_literals_and_connection_strings() {
        assert_gone("db_password = \"hunter2!\"", "hunter2", "password");
        assert_gone("{'password': 'tr0ub4dor'}", "tr0ub4dor", "password");
        assert_gone(
            "mysql --user=root --password=r00tpw db",
            "r00tpw",
            "password",
        );
        assert_gone(
            "u = \"https://x/login?user=a&password=qwerty1\"",
            "qwerty1",
            "password",
        );
        assert_gone(
            "connect(\"Server=db;Uid=sa;Pwd=S3cret;\")",
            "S3cret",
            "password",
        );
        let r = redact("url = \"postgres://admin:pa55word@db.internal:5432/app\"");
        assert!(!r.text.contains("pa55word"));
        assert!(
            r.text
                .contains("postgres://admin:<redacted:connection_password>@db.internal")
        );
    }

    #[test]
    fn env_style_lines() {
        assert_gone("export STRIPE_SECRET=abc123\n", "abc123", "env_secret");
        for reference in [
            "API_KEY = os.environ[\"API_KEY\"]",
            "DB_PASSWORD = settings.DB_PASSWORD",
            "AUTH_TOKEN = get_token(user)",
            "export GH_TOKEN=$(cat token.txt)",
            "db = connect(host, password=pw)",
            "login(user, password=request.form[\"password\"])",
        ] {
            assert_eq!(
                redact(reference).text,
                reference,
                "a reference is not a secret"
            );
        }
        let env = redact_for_path(
            "deploy/.env.production",
            "DEBUG=true\nDATABASE_HOST=db.local\n",
        );
        assert!(!env.text.contains("db.local"), "{}", env.text);
        assert!(env.text.contains("DATABASE_HOST=<redacted:env_value>"));
        assert!(is_env_file(".env") && is_env_file("a/prod.env") && !is_env_file("env.py"));
    }

    #[test]
    fn high_entropy_literals_but_not_ordinary_strings() {
        assert_gone(
            "token = \"Zx9Qm2Lr8Tb4Wn6Yp1Kd7Vs3\"",
            "Zx9Qm2Lr8Tb4Wn6Yp1Kd7Vs3",
            "password",
        );
        assert_gone(
            "x = call('Zx9Qm2Lr8Tb4Wn6Yp1Kd7Vs3Hc5J')",
            "Zx9Qm2Lr8Tb4Wn6Yp1Kd7Vs3Hc5J",
            "high_entropy",
        );
        assert_gone(
            "h = \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b\"",
            "9f86d081884c7d659a2feaa0c55ad015",
            "high_entropy",
        );
        assert_gone(
            "fetch(u, `Qm9Lr8Tb4Wn6Yp1Kd7Vs3Hc5Jx2`)",
            "Qm9Lr8Tb4Wn6Yp1Kd7Vs3Hc5Jx2",
            "high_entropy",
        );
        for ordinary in [
            "os.system(\"ls -la /tmp\")",
            "ctype = \"application/x-www-form-urlencoded\"",
            "p = \"/usr/local/lib/python3.11/site-packages\"",
            "q = \"SELECT * FROM users WHERE id = ?\"",
            "name = \"handle_request_for_user_2024\"",
            "password = request.form[\"password\"]",
        ] {
            let r = redact(ordinary);
            assert_eq!(r.text, ordinary, "over-redacted");
            assert_eq!(r.count(), 0);
        }
    }
}
