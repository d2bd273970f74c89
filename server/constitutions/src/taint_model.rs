//! Per-language taint models (`constitutions/taint/<language>.toml`): which expressions
//! carry untrusted data (sources) and which calls make a value safe for which sink kinds
//! (sanitizers). Names are dotted paths matched segment by segment; `*` matches one
//! segment and a leading `**` any number of them.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRule {
    pub path: Vec<String>,
    pub label: String,
    /// A value the local user controls (command line, environment, standard input,
    /// `input()`): a source only in the `snippet` threat model, where the code is
    /// reviewed without knowing who runs it.
    pub local: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanitizerRule {
    pub path: Vec<String>,
    /// Sink kinds the result is safe for; `*` means every kind. A rule written with
    /// `kinds_except` holds every declared kind but those, expanded when the set loads.
    pub kinds: Vec<String>,
    /// The kinds it leaves tainted, as `kinds_except` wrote them (empty otherwise).
    pub kinds_except: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaintModel {
    pub sources: Vec<SourceRule>,
    pub sanitizers: Vec<SanitizerRule>,
    /// Text in a parameter's declaration that binds it to request data
    /// (`http.Request`, `@RequestParam`, FastAPI's `Query(`): a source in every profile.
    pub request_parameter_markers: Vec<String>,
    /// Text in a decorator that routes requests to the decorated function (`.route(`):
    /// its parameters are request data.
    pub route_decorators: Vec<String>,
    /// Paths inside request data that the server fills in, not the client (Django's
    /// `request.user`, a servlet's `getSession()`): never a source.
    pub server_side: Vec<Vec<String>>,
    /// Calls that never return (`abort`, `sys.exit`, `log.Fatal`): a branch ending in one
    /// exits, as after `return`. Exact dotted paths.
    pub exit_calls: Vec<Vec<String>>,
    /// Functions that check a URL is local or on an allowed host (Django's
    /// `url_has_allowed_host_and_scheme`): their first argument is validated. Names.
    pub url_validators: Vec<String>,
    /// Methods that look an entry up by key (`dict.get`, `Map.get`, `getOrDefault`): on a
    /// container no source filled, the result is the application's own entry, so only
    /// the default (the second argument) can carry input. Names.
    pub lookup_methods: Vec<String>,
    /// The path a request was routed to (`req.path`, `request.path`, `r.URL.Path`): it
    /// starts with the route's own prefix, so a redirect to it (a trailing slash added,
    /// a segment renamed) stays on the site. Never a source for the `redirect` kind.
    pub routed_paths: Vec<Vec<String>>,
    /// A page's whole URL as the browser serialises it (`location.href`, `document.URL`):
    /// `<`, `>` and `"` are percent-encoded in it, as in `encodeURIComponent`'s result,
    /// so it cannot open a tag or leave a double-quoted attribute. Never a source for the
    /// `html` kind; its parts an attacker writes stay sources.
    pub serialized_urls: Vec<Vec<String>>,
    /// Calls that undo percent-encoding (`decodeURIComponent`): what they return of a
    /// serialised URL can hold `<` and `"` again. Exact dotted paths.
    pub url_decoders: Vec<Vec<String>>,
    /// What makes the program's own outgoing connections (Java's `Socket` constructed
    /// with a host and port, `openConnection`): a source read through a local made by
    /// one of these (`client.getInputStream()`) is the peer the program chose, not a
    /// request. Constructor types or method names.
    pub outbound_clients: Vec<String>,
    /// Calls that parse text into a URL object (`new URL(text, base)`, `urlparse(text)`):
    /// a check of the object's host checks the text it was made from. Names or dotted
    /// paths.
    pub url_parsers: Vec<String>,
    /// Properties of a parsed URL naming its host (`host`, `hostname`, `netloc`):
    /// comparing one, then leaving on a mismatch, is a host allow-list check.
    pub host_properties: Vec<String>,
    /// Properties of a parsed URL that start with their own delimiter (`search` is `?…`
    /// or empty, `hash` is `#…`): appended anywhere, they cannot move a URL off its host.
    pub delimited_url_parts: Vec<String>,
    /// Calls that return a descriptor of a local file (`open`, `openat`): what a reader
    /// takes from one (`read(fd, …)`) is the file's content, which the operator placed —
    /// a source only in the snippet profile, like the other local sources. Names.
    pub local_file_openers: Vec<String>,
    /// Calls that fill their first argument with the two ends of a channel the program
    /// made for itself (`pipe(fds)`): reading `fds[0]` is local too. Names.
    pub local_pipe_makers: Vec<String>,
}

impl TaintModel {
    /// The source whose path is a prefix of `path` (`request.args` matches
    /// `request.args.get`).
    pub fn source_for(&self, path: &[&str]) -> Option<&SourceRule> {
        self.sources
            .iter()
            .find(|s| matches_path(&s.path, path, true))
    }

    /// Like [`TaintModel::source_for`], leaving out local sources unless `local` is set.
    pub fn source_in_profile(&self, path: &[&str], local: bool) -> Option<&SourceRule> {
        self.sources
            .iter()
            .filter(|s| local || !s.local)
            .find(|s| matches_path(&s.path, path, true))
    }

    /// Whether a call of `path` never returns.
    pub fn is_exit_call(&self, path: &[&str]) -> bool {
        self.exit_calls.iter().any(|e| matches_path(e, path, false))
    }

    /// Whether `path` is (inside) the path the request was routed to.
    pub fn is_routed_path(&self, path: &[&str]) -> bool {
        self.routed_paths
            .iter()
            .any(|s| matches_path(s, path, true))
    }

    /// Whether `path` is a page's whole serialised URL.
    pub fn is_serialized_url(&self, path: &[&str]) -> bool {
        self.serialized_urls
            .iter()
            .any(|s| matches_path(s, path, false))
    }

    /// Whether a call of `path` undoes percent-encoding.
    pub fn is_url_decoder(&self, path: &[&str]) -> bool {
        self.url_decoders
            .iter()
            .any(|s| matches_path(s, path, false))
    }

    /// Whether `path` (a member or call path) is filled in by the server.
    pub fn is_server_side(&self, path: &[&str]) -> bool {
        self.server_side.iter().any(|s| matches_path(s, path, true))
    }

    /// The sink kinds a call to `path` sanitizes for, if it is a sanitizer.
    pub fn sanitizer_kinds(&self, path: &[&str]) -> Option<&[String]> {
        self.sanitizers
            .iter()
            .find(|s| matches_path(&s.path, path, false))
            .map(|s| s.kinds.as_slice())
    }

    pub(crate) fn merge(&mut self, other: TaintModel) {
        self.sources.extend(other.sources);
        self.sanitizers.extend(other.sanitizers);
        self.request_parameter_markers
            .extend(other.request_parameter_markers);
        self.route_decorators.extend(other.route_decorators);
        self.server_side.extend(other.server_side);
        self.exit_calls.extend(other.exit_calls);
        self.url_validators.extend(other.url_validators);
        self.lookup_methods.extend(other.lookup_methods);
        self.routed_paths.extend(other.routed_paths);
        self.serialized_urls.extend(other.serialized_urls);
        self.url_decoders.extend(other.url_decoders);
        self.outbound_clients.extend(other.outbound_clients);
        self.url_parsers.extend(other.url_parsers);
        self.host_properties.extend(other.host_properties);
        self.delimited_url_parts.extend(other.delimited_url_parts);
        self.local_file_openers.extend(other.local_file_openers);
        self.local_pipe_makers.extend(other.local_pipe_makers);
    }
}

/// Matches a rule path against an expression path; with `prefix`, the rule may match
/// only the start of the expression path.
fn matches_path(rule: &[String], path: &[&str], prefix: bool) -> bool {
    if let Some(rest) = rule.first().filter(|s| *s == "**").map(|_| &rule[1..]) {
        return (0..=path.len()).any(|skip| matches_path(rest, &path[skip..], prefix));
    }
    if rule.len() > path.len() || (!prefix && rule.len() != path.len()) {
        return false;
    }
    rule.iter().zip(path).all(|(r, p)| r == "*" || r == p)
}

pub(crate) mod raw {
    use super::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Model {
        pub language: String,
        #[serde(default, rename = "source")]
        pub sources: Vec<Source>,
        #[serde(default, rename = "sanitizer")]
        pub sanitizers: Vec<toml::Spanned<Sanitizer>>,
        #[serde(default)]
        pub request_parameter_markers: Vec<String>,
        #[serde(default)]
        pub route_decorators: Vec<String>,
        #[serde(default)]
        pub server_side: Vec<String>,
        #[serde(default)]
        pub exit_calls: Vec<String>,
        #[serde(default)]
        pub url_validators: Vec<String>,
        #[serde(default)]
        pub lookup_methods: Vec<String>,
        #[serde(default)]
        pub routed_paths: Vec<String>,
        #[serde(default)]
        pub serialized_urls: Vec<String>,
        #[serde(default)]
        pub url_decoders: Vec<String>,
        #[serde(default)]
        pub outbound_clients: Vec<String>,
        #[serde(default)]
        pub url_parsers: Vec<String>,
        #[serde(default)]
        pub host_properties: Vec<String>,
        #[serde(default)]
        pub delimited_url_parts: Vec<String>,
        #[serde(default)]
        pub local_file_openers: Vec<String>,
        #[serde(default)]
        pub local_pipe_makers: Vec<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Source {
        pub path: String,
        pub label: String,
        #[serde(default)]
        pub local: bool,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Sanitizer {
        pub path: String,
        /// The kinds it cleans for (`["*"]`: every kind).
        #[serde(default)]
        pub kinds: Option<toml::Spanned<Vec<toml::Spanned<String>>>>,
        /// Or: every declared kind except these.
        #[serde(default)]
        pub kinds_except: Option<toml::Spanned<Vec<toml::Spanned<String>>>>,
    }
}

pub(crate) fn split_path(path: &str) -> Vec<String> {
    path.split('.').map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(p: &str) -> Vec<String> {
        split_path(p)
    }

    #[test]
    fn path_matching() {
        assert!(matches_path(
            &rule("request.args"),
            &["request", "args", "get"],
            true
        ));
        assert!(!matches_path(
            &rule("request.args"),
            &["request", "args", "get"],
            false
        ));
        assert!(matches_path(
            &rule("**.getParameter"),
            &["this", "req", "getParameter"],
            false
        ));
        assert!(matches_path(
            &rule("*.getParameter"),
            &["req", "getParameter"],
            false
        ));
        assert!(!matches_path(
            &rule("*.getParameter"),
            &["getParameter"],
            false
        ));
        assert!(matches_path(&rule("os.environ"), &["os", "environ"], true));
    }
}
