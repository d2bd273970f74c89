//! Automatic threat-model profile and project root of a file. From the file's folder up
//! to the repository root (a folder holding `.git`), the first folder with a project
//! manifest is the project root:
//! - a manifest that names a web framework (Django, Flask, FastAPI, Express, Koa, Gin,
//!   Spring Boot, servlets, …), a `manage.py`, or a C/C++ build that makes an executable
//!   → `application`;
//! - any other manifest (a package that exports an API) → `library`;
//! - no manifest at all (a loose file or folder, an untitled buffer) → `snippet`.
//!
//! `bluecode.toml` `[analysis] profile` overrides the detection. A folder with a
//! `bluecode.toml` is a project root too (paths for the scope rules are relative to it),
//! but on its own it makes no profile: such a folder is a `snippet`. Results are cached
//! per folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::context::Profile;

/// Files that make a folder a project root, in the order they are read.
const MANIFESTS: [&str; 17] = [
    "bluecode.toml",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "Pipfile",
    "requirements.txt",
    "manage.py",
    "package.json",
    "go.mod",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "CMakeLists.txt",
    "meson.build",
    "configure.ac",
    "Makefile",
    "composer.json",
];

/// Dependency names (lower case, as they appear in manifests) of server frameworks.
const SERVER_FRAMEWORKS: [&str; 40] = [
    "django",
    "uvicorn",
    "gunicorn",
    "hypercorn",
    "daphne",
    "waitress",
    "asgiref",
    "flask",
    "fastapi",
    "starlette",
    "tornado",
    "aiohttp",
    "pyramid",
    "bottle",
    "sanic",
    "falcon",
    "quart",
    "litestar",
    "cherrypy",
    "\"express\"",
    "\"koa\"",
    "\"fastify\"",
    "@hapi/hapi",
    "\"next\"",
    "@nestjs/core",
    "\"restify\"",
    "\"@adonisjs/core\"",
    "gin-gonic/gin",
    "labstack/echo",
    "gorilla/mux",
    "go-chi/chi",
    "gofiber/fiber",
    "spring-boot",
    "spring-webmvc",
    "javax.servlet",
    "jakarta.servlet",
    "quarkus",
    "micronaut",
    "dropwizard",
    "jersey",
];

/// A detected profile, the reason, and the project root it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub profile: Profile,
    pub reason: String,
    /// The project root; `None` when no manifest was found.
    pub root: Option<PathBuf>,
    /// The packages the root's `package.json` depends on (every dependency section);
    /// `None` where the manifest is another kind or unreadable: nothing is known then.
    pub dependencies: Option<Arc<[String]>>,
}

/// Detects profiles, remembering each folder's answer.
#[derive(Debug, Default)]
pub struct ProfileDetector {
    by_folder: Mutex<HashMap<PathBuf, Detected>>,
}

impl ProfileDetector {
    pub fn new() -> ProfileDetector {
        ProfileDetector::default()
    }

    /// The profile of the file at `path` (absolute or relative to the current folder).
    pub fn detect(&self, path: &Path) -> Detected {
        let folder = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
        if let Ok(cache) = self.by_folder.lock()
            && let Some(found) = cache.get(&folder)
        {
            return found.clone();
        }
        let found = detect_from(&folder);
        if let Ok(mut cache) = self.by_folder.lock() {
            cache.insert(folder, found.clone());
        }
        found
    }
}

fn detect_from(folder: &Path) -> Detected {
    let mut current = Some(folder);
    while let Some(dir) = current {
        let present: Vec<&str> = MANIFESTS
            .iter()
            .copied()
            .filter(|m| dir.join(m).is_file())
            .collect();
        if !present.is_empty() {
            let (profile, reason) = classify(dir, &present);
            return Detected {
                profile,
                reason,
                root: Some(dir.to_path_buf()),
                dependencies: package_dependencies(dir),
            };
        }
        if dir.join(".git").exists() {
            break;
        }
        current = dir.parent();
    }
    Detected {
        profile: Profile::Snippet,
        reason: "no project manifest".into(),
        root: None,
        dependencies: None,
    }
}

/// The names in a `package.json`'s dependency sections, sorted; `None` without one.
fn package_dependencies(dir: &Path) -> Option<Arc<[String]>> {
    let text = std::fs::read_to_string(dir.join("package.json")).ok()?;
    let manifest: serde_json::Value = serde_json::from_str(&text).ok()?;
    let mut names: Vec<String> = [
        "dependencies",
        "devDependencies",
        "peerDependencies",
        "optionalDependencies",
    ]
    .iter()
    .filter_map(|section| manifest.get(section)?.as_object())
    .flat_map(|deps| deps.keys().cloned())
    .collect();
    names.sort();
    names.dedup();
    Some(names.into())
}

/// The profile a project root's manifests say.
fn classify(dir: &Path, present: &[&str]) -> (Profile, String) {
    if present.contains(&"manage.py") {
        return (Profile::Application, "Django project (manage.py)".into());
    }
    for manifest in present {
        let Ok(text) = std::fs::read_to_string(dir.join(manifest)) else {
            continue;
        };
        let dependencies = without_own_name(&text).to_ascii_lowercase();
        if let Some(framework) = SERVER_FRAMEWORKS.iter().find(|f| dependencies.contains(*f)) {
            return (
                Profile::Application,
                format!("{} in {manifest}", framework.trim_matches('"')),
            );
        }
        if *manifest == "CMakeLists.txt" && dependencies.contains("add_executable") {
            return (Profile::Application, "executable in CMakeLists.txt".into());
        }
        if matches!(*manifest, "Makefile" | "configure.ac" | "meson.build") {
            return (Profile::Application, format!("C/C++ build ({manifest})"));
        }
    }
    let named = present
        .iter()
        .find(|m| **m != "bluecode.toml")
        .copied()
        .unwrap_or("bluecode.toml");
    if named == "bluecode.toml" {
        // bluecode's own settings say nothing about who calls the code.
        return (
            Profile::Snippet,
            "no project manifest (only bluecode.toml)".into(),
        );
    }
    (
        Profile::Library,
        format!("package manifest ({named}) with no server framework"),
    )
}

/// The `pom.xml` elements whose `<artifactId>` names another artifact than the project.
const POM_NESTING: [(&str, &str); 5] = [
    ("<parent>", "</parent>"),
    ("<dependency>", "</dependency>"),
    ("<plugin>", "</plugin>"),
    ("<extension>", "</extension>"),
    ("<exclusion>", "</exclusion>"),
];

/// A manifest without the lines that name the package itself (Django's own
/// pyproject.toml names `django` as the project, not as a dependency). In a `pom.xml`
/// only the project's own `<artifactId>` goes: those of its parent, dependencies and
/// plugins (`spring-boot-starter-web`) say what it is built on.
fn without_own_name(text: &str) -> String {
    let mut nested = 0usize;
    text.lines()
        .filter(|l| {
            let t = l.trim_start().trim_start_matches('"');
            for (open, close) in POM_NESTING {
                nested += t.matches(open).count();
                nested = nested.saturating_sub(t.matches(close).count());
            }
            !(t.starts_with("name") && (t.contains('=') || t.contains(':')))
                && !(t.starts_with("<artifactId>") && nested == 0)
                && !t.starts_with("module ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn detect(dir: &tempfile::TempDir, file: &str) -> Detected {
        ProfileDetector::new().detect(&dir.path().join(file))
    }

    #[test]
    fn a_package_json_lists_its_dependencies_and_other_manifests_do_not() {
        let app = project(&[
            (
                "package.json",
                r#"{"name": "shop", "dependencies": {"express": "^4", "knex": "^3"},
                    "devDependencies": {"mocha": "^10"}}"#,
            ),
            ("src/app.js", ""),
        ]);
        let deps = detect(&app, "src/app.js").dependencies.expect("listed");
        assert_eq!(
            &*deps,
            ["express", "knex", "mocha"].map(String::from).as_slice()
        );

        let python = project(&[
            ("pyproject.toml", "[project]\nname = \"x\"\n"),
            ("x.py", ""),
        ]);
        assert_eq!(detect(&python, "x.py").dependencies, None);
        let broken = project(&[("package.json", "{ not json"), ("a.js", "")]);
        assert_eq!(detect(&broken, "a.js").dependencies, None);
    }

    #[test]
    fn profiles_from_manifests() {
        let flask = project(&[
            (
                "pyproject.toml",
                "[project]\nname = \"shop\"\ndependencies = [\"Flask>=3\"]\n",
            ),
            ("shop/views.py", ""),
        ]);
        let d = detect(&flask, "shop/views.py");
        assert_eq!(d.profile, Profile::Application);
        assert!(d.reason.contains("flask"), "{}", d.reason);

        let lib = project(&[
            ("pyproject.toml", "[project]\nname = \"imagekit\"\n"),
            ("src/imagekit/resize.py", ""),
        ]);
        assert_eq!(
            detect(&lib, "src/imagekit/resize.py").profile,
            Profile::Library
        );

        // The framework's own manifest names itself: a library, not an application.
        let django = project(&[("pyproject.toml", "[project]\nname = \"Django\"\n")]);
        assert_eq!(detect(&django, "x.py").profile, Profile::Library);

        let express = project(&[(
            "package.json",
            "{\"name\": \"api\", \"dependencies\": {\"express\": \"^4\"}}",
        )]);
        assert_eq!(detect(&express, "src/a.js").profile, Profile::Application);

        // A pom names the project's own artifact and those it is built on.
        let pom = |own: &str| {
            format!(
                "<project>\n  <artifactId>{own}</artifactId>\n  <dependencies>\n    \
                 <dependency>\n      <groupId>org.springframework.boot</groupId>\n      \
                 <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  \
                 </dependencies>\n</project>\n"
            )
        };
        let spring_app = project(&[("pom.xml", pom("accounts").as_str())]);
        let d = detect(&spring_app, "src/main/java/A.java");
        assert_eq!(d.profile, Profile::Application, "{}", d.reason);
        let webmvc = project(&[(
            "pom.xml",
            "<project>\n  <artifactId>spring-webmvc</artifactId>\n</project>\n",
        )]);
        assert_eq!(
            detect(&webmvc, "src/main/java/A.java").profile,
            Profile::Library
        );

        let loose = project(&[("snippets/a.py", "")]);
        let d = detect(&loose, "snippets/a.py");
        assert_eq!(d.profile, Profile::Snippet);
        assert_eq!(d.root, None);
    }
}
