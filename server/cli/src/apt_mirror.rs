//! The Debian mirror this host's apt already uses, for `bluecode sandbox build-image`'s
//! debootstrap: the first `URIs:` of a deb822 `/etc/apt/sources.list.d/*.sources` file, else
//! the first `deb` line of `/etc/apt/sources.list`, skipping security and backport
//! archives (debootstrap needs the main archive). `--mirror` overrides it; without either,
//! the sandbox layer's default.

use std::path::Path;

/// The mirror from the host's apt sources, if one is configured.
pub fn host_mirror() -> Option<String> {
    host_mirror_in(Path::new("/etc/apt"))
}

fn host_mirror_in(apt: &Path) -> Option<String> {
    let mut sources: Vec<_> = std::fs::read_dir(apt.join("sources.list.d"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sources"))
        .collect();
    sources.sort();
    let from_deb822 = sources
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .find_map(|text| mirror_in_deb822(&text));
    from_deb822.or_else(|| {
        std::fs::read_to_string(apt.join("sources.list"))
            .ok()
            .and_then(|text| mirror_in_one_line(&text))
    })
}

/// Whether a URI is a main Debian archive (not security updates, not backports).
fn is_main_archive(uri: &str) -> bool {
    let uri = uri.trim_end_matches('/');
    (uri.starts_with("http://") || uri.starts_with("https://"))
        && !uri.ends_with("-security")
        && !uri.contains("backports")
        && uri.ends_with("/debian")
}

fn mirror_in_deb822(text: &str) -> Option<String> {
    // Stanzas are separated by blank lines; only `Types: deb` stanzas count.
    text.split("\n\n").find_map(|stanza| {
        let field = |name: &str| {
            stanza.lines().find_map(|l| {
                let (key, value) = l.split_once(':')?;
                key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
            })
        };
        let is_deb = field("Types").is_some_and(|t| t.split_whitespace().any(|t| t == "deb"));
        if !is_deb || field("Enabled").is_some_and(|e| e.eq_ignore_ascii_case("no")) {
            return None;
        }
        field("URIs")?
            .split_whitespace()
            .find(|u| is_main_archive(u))
            .map(|u| u.trim_end_matches('/').to_owned())
    })
}

fn mirror_in_one_line(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        if words.next()? != "deb" {
            return None;
        }
        // `deb [arch=amd64 signed-by=…] URI suite components`
        let uri = words.find(|w| !w.starts_with('[') && !w.ends_with(']') && w.contains("://"))?;
        is_main_archive(uri).then(|| uri.trim_end_matches('/').to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_archive_of_a_deb822_file() {
        let text = "Types: deb\n# a snapshot\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n\nTypes: deb\nURIs: http://mirror.example/debian/\nSuites: bookworm\nComponents: main\n";
        assert_eq!(
            mirror_in_deb822(text).as_deref(),
            Some("http://mirror.example/debian")
        );
        assert_eq!(
            mirror_in_deb822("Types: deb-src\nURIs: http://x/debian\n"),
            None
        );
    }

    #[test]
    fn the_first_deb_line_of_sources_list() {
        let text = "# comment\ndeb-src http://src.example/debian bookworm main\ndeb [arch=amd64] https://m.example/debian bookworm main\n";
        assert_eq!(
            mirror_in_one_line(text).as_deref(),
            Some("https://m.example/debian")
        );
    }

    #[test]
    fn deb822_files_come_before_sources_list() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sources.list.d")).unwrap();
        std::fs::write(
            dir.path().join("sources.list"),
            "deb http://one-line.example/debian bookworm main\n",
        )
        .unwrap();
        assert_eq!(
            host_mirror_in(dir.path()).as_deref(),
            Some("http://one-line.example/debian")
        );
        std::fs::write(
            dir.path().join("sources.list.d/debian.sources"),
            "Types: deb\nURIs: http://deb822.example/debian\nSuites: bookworm\n",
        )
        .unwrap();
        assert_eq!(
            host_mirror_in(dir.path()).as_deref(),
            Some("http://deb822.example/debian")
        );
    }
}
