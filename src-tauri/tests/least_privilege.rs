//! Least privilege: the commands registered with Tauri, the commands in the app manifest and
//! the commands granted to windows are one and the same set, and nothing else (no
//! file-system, shell or HTTP permission) is granted. The CSP forbids inline and remote
//! scripts.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test

use std::collections::BTreeSet;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn manifest_commands() -> BTreeSet<String> {
    sla_studio::COMMANDS.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn registered_handlers_are_the_manifest_commands() {
    let lib = std::fs::read_to_string(Path::new(ROOT).join("src/lib.rs")).unwrap();
    let handler_list = lib
        .split("generate_handler![")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("lib.rs registers its commands with generate_handler!");
    let registered: BTreeSet<String> = handler_list
        .split(',')
        .map(|entry| entry.trim().trim_start_matches("commands::").to_owned())
        .filter(|name| !name.is_empty())
        .collect();
    assert_eq!(registered, manifest_commands());

    let commands = std::fs::read_to_string(Path::new(ROOT).join("src/commands.rs")).unwrap();
    let defined: BTreeSet<String> = commands
        .split("#[tauri::command")
        .skip(1)
        .map(|chunk| {
            let after_fn = chunk.split("pub fn ").nth(1).expect("a command is a pub fn");
            after_fn.split('(').next().unwrap().trim().to_owned()
        })
        .collect();
    assert_eq!(defined, manifest_commands());
}

#[test]
fn capabilities_grant_exactly_the_manifest_commands_and_nothing_else() {
    let mut granted = BTreeSet::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("capabilities")).unwrap() {
        let path = entry.unwrap().path();
        let capability: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            capability["windows"],
            serde_json::json!(["main"]),
            "{}",
            path.display()
        );
        assert!(
            capability.get("remote").is_none(),
            "no remote origin may call commands"
        );
        for permission in capability["permissions"].as_array().unwrap() {
            let permission = permission
                .as_str()
                .expect("permissions are plain identifiers, no scopes");
            let command = permission
                .strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{permission}: only app command grants are allowed"));
            assert!(!command.contains(':'), "{permission}: no plugin permissions");
            granted.insert(command.replace('-', "_"));
        }
    }
    assert_eq!(granted, manifest_commands());
}

#[test]
fn the_csp_allows_only_the_apps_own_scripts() {
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(ROOT).join("tauri.conf.json")).unwrap())
            .unwrap();
    let csp = config["app"]["security"]["csp"].as_str().expect("a CSP is set");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(
        !csp.contains("unsafe-eval") && !csp.contains("script-src 'self' 'unsafe-inline'"),
        "{csp}"
    );
    assert!(
        csp.contains("object-src 'none'") && csp.contains("frame-src 'none'"),
        "{csp}"
    );
    assert_eq!(config["app"]["withGlobalTauri"], false);
    assert!(
        config
            .get("plugins")
            .is_none_or(|p| p.as_object().is_some_and(|o| o.is_empty()))
    );
}
