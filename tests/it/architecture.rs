//! The architecture, checked from the source text (like ArchUnit): every file of `src/`
//! imports only from layers below its own, no file imports itself back through others, SQL
//! lives in `store/` and `ledger/`, only the kernel's `Ctx` writes outbox rows, command names
//! are written once (the command table) and the texts and dialogs name only commands that
//! exist, and no function is longer than 120 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use linli::engine::kernel::command::{Command, TABLE};

/// The layers, bottom first: a file belongs to the longest entry that prefixes its module
/// path, and may use what belongs to an earlier entry, or to its own.
const LAYERS: &[&str] = &[
    "domain",
    "clock",
    "parse",
    "i18n",
    "qr",
    "chart",
    "config",
    "store",
    "ledger",
    "dialog",
    "engine::kernel::command",
    "engine::kernel::text",
    "engine::kernel",
    "engine::kernel::staff",
    "engine::kernel::ctx",
    "engine::shared",
    "engine::cases::ratings",
    "engine::cases::moderation",
    "engine::cases::reports",
    "engine::cases::disputes",
    "engine::cases::loans",
    "engine::cases::listings",
    "engine::cases::handover",
    "engine::cases::reminders",
    "engine::cases::tickets",
    "engine::cases::events",
    "engine::cases::finding",
    "engine::cases::suggest",
    "engine::cases::helpers",
    "engine::cases::worker",
    "engine::cases::desk",
    "engine::cases::emergency",
    "engine::cases::surveys",
    "engine::cases::account",
    "engine::cases::expiry",
    "engine::cases",
    "engine::route_finish",
    "engine::route",
    "engine::route_job",
    "engine",
    "jobs",
    "app",
    "handbook",
    "bench",
    "telegram",
    "console",
    "",
];

/// A source file: its module path and its text without the `#[cfg(test)]` tail.
struct Source {
    path: PathBuf,
    module: Vec<String>,
    code: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            if p.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = p.strip_prefix(&root).unwrap().with_extension("");
            let mut module: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            out.push(Source {
                path: p,
                module,
                code: strip(&code),
            });
        }
    }
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

/// The code without comments and string literals (their words are no imports).
fn strip(code: &str) -> String {
    let mut out = String::new();
    for line in code.lines() {
        let mut s = String::new();
        let mut in_str = false;
        let mut prev = ' ';
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if in_str {
                if c == '"' && prev != '\\' {
                    in_str = false;
                    s.push('"');
                }
                prev = if prev == '\\' && c == '\\' { ' ' } else { c };
                continue;
            }
            if c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            if c == '"' && prev != '\'' {
                in_str = true;
            }
            s.push(c);
            prev = c;
        }
        out.push_str(&s);
        out.push('\n');
    }
    out
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into full paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap().trim();
        return vec![path.to_string()];
    };
    let prefix = tree[..open].trim_end_matches("::").trim();
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| match p.as_str() {
            "self" => prefix.to_string(),
            _ => format!("{prefix}::{p}"),
        })
        .collect()
}

/// The paths a file names: its `use` trees, and `crate::…` / `super::…` paths in code.
fn named_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before_ok = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric();
        let end = rest[i..].find(';').map(|e| i + e).unwrap_or(rest.len());
        if before_ok {
            paths.extend(expand(&rest[i + 4..end]));
        }
        rest = &rest[(i + 4).min(end)..];
    }
    let re = regex::Regex::new(r"\b(?:crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)+").unwrap();
    paths.extend(re.find_iter(code).map(|m| m.as_str().to_string()));
    paths
}

/// The module of `src/` a path names, from the file `from`; `None` for other crates.
fn resolve(path: &str, from: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let segs: Vec<&str> = path.split("::").map(str::trim).collect();
    let mut base: Vec<String> = from.to_vec();
    let mut i = 0;
    let mut full: Vec<String> = match segs[0] {
        "crate" => {
            i = 1;
            Vec::new()
        }
        "super" => {
            while segs.get(i) == Some(&"super") {
                base.pop();
                i += 1;
            }
            base
        }
        "self" => {
            i = 1;
            base
        }
        first => {
            // A relative path to a child module of this one (`use route::…` in engine/mod.rs).
            let mut child = from.to_vec();
            child.push(first.to_string());
            if !modules.contains(&child) {
                return None;
            }
            from.to_vec()
        }
    };
    for s in &segs[i..] {
        full.push(s.to_string());
    }
    // The longest prefix that is a module of this crate.
    while !full.is_empty() && !modules.contains(&full) {
        full.pop();
    }
    Some(full)
}

fn layer_of(module: &[String]) -> usize {
    let name = module.join("::");
    LAYERS
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_empty() || name == **l || name.starts_with(&format!("{l}::")))
        .max_by_key(|(_, l)| l.len())
        .map(|(i, _)| i)
        .unwrap()
}

/// Every file's imports: module → the modules it names (itself left out).
fn graph(sources: &[Source]) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|s| s.module.clone()).collect();
    let mut g = BTreeMap::new();
    for s in sources {
        if s.path.ends_with("main.rs") && s.module == ["main"] {
            continue;
        }
        let mut to = BTreeSet::new();
        for p in named_paths(&s.code) {
            if let Some(m) = resolve(&p, &s.module, &modules) {
                if m != s.module && !m.is_empty() {
                    to.insert(m);
                }
            }
        }
        g.insert(s.module.clone(), to);
    }
    g
}

#[test]
fn every_import_goes_down_a_layer() {
    let sources = sources();
    assert!(sources.len() > 40, "read the sources");
    let g = graph(&sources);
    let mut wrong = Vec::new();
    for (from, tos) in &g {
        let lf = layer_of(from);
        for to in tos {
            let lt = layer_of(to);
            if lt > lf {
                wrong.push(format!(
                    "{} (layer {}) imports {} (layer {})",
                    from.join("::"),
                    LAYERS[lf],
                    to.join("::"),
                    LAYERS[lt]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "imports going up:\n{}", wrong.join("\n"));
}

#[test]
fn no_layer_imports_itself_back() {
    // Between the entries of LAYERS (files of one entry, like a module and its children,
    // may use each other).
    let mut g: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let unit = |m: &Vec<String>| -> Vec<String> {
        LAYERS[layer_of(m)]
            .split("::")
            .map(str::to_string)
            .collect()
    };
    for (from, tos) in graph(&sources()) {
        let entry = g.entry(unit(&from)).or_default();
        for to in tos {
            if unit(&to) != unit(&from) {
                entry.insert(unit(&to));
            }
        }
    }
    // Depth-first search for a cycle, reporting the first one found.
    fn visit(
        n: &Vec<String>,
        g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<String> {
        if let Some(i) = stack.iter().position(|m| m == n) {
            let cycle: Vec<String> = stack[i..].iter().map(|m| m.join("::")).collect();
            return Some(format!("{} → {}", cycle.join(" → "), n.join("::")));
        }
        if !done.insert(n.clone()) {
            return None;
        }
        stack.push(n.clone());
        for t in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(t, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(n, &g, &mut stack, &mut done) {
            panic!("import cycle: {cycle}");
        }
    }
}

#[test]
fn the_layer_check_catches_an_upward_import() {
    let modules: BTreeSet<Vec<String>> = [
        vec!["engine".to_string()],
        vec!["engine".into(), "kernel".into()],
        vec!["engine".into(), "cases".into()],
        vec!["engine".into(), "cases".into(), "listings".into()],
        vec!["store".to_string()],
    ]
    .into_iter()
    .collect();
    let from = vec!["engine".to_string(), "kernel".into()];
    let code = strip(
        "use super::cases::listings::post_listing; // crate::store\nlet s = \"crate::store\";",
    );
    let named: BTreeSet<_> = named_paths(&code)
        .iter()
        .filter_map(|p| resolve(p, &from, &modules))
        .collect();
    let named: Vec<_> = named.into_iter().collect();
    assert_eq!(
        named,
        vec![vec![
            "engine".to_string(),
            "cases".into(),
            "listings".into()
        ]]
    );
    assert!(layer_of(&named[0]) > layer_of(&from));
    assert_eq!(
        expand("crate::a::{b, c::{d, self}}"),
        vec!["crate::a::b", "crate::a::c::d", "crate::a::c"]
    );
}

#[test]
fn sql_lives_in_the_store_and_the_ledger() {
    for s in sources() {
        let top = s.module.first().map(String::as_str).unwrap_or("");
        if matches!(top, "store" | "ledger") {
            continue;
        }
        assert!(
            !s.code.contains("sqlx::query"),
            "{} runs SQL; move it to src/store/",
            s.path.display()
        );
    }
}

#[test]
fn only_the_kernel_context_writes_outbox_rows() {
    for s in sources() {
        let m = s.module.join("::");
        if m.starts_with("store") || m == "engine::kernel::ctx" {
            continue;
        }
        for needle in [
            "outbox::enqueue",
            "OutMsg::send",
            "OutMsg::edit",
            "OutMsg::answer",
        ] {
            assert!(
                !s.code.contains(needle),
                "{} writes outbox rows itself ({needle}); send through Ctx",
                s.path.display()
            );
        }
    }
}

#[test]
fn no_function_is_longer_than_120_lines() {
    let fn_re =
        regex::Regex::new(r"^\s*(pub(\([a-z]+\))?\s+)?(async\s+)?(const\s+)?fn\s+(\w+)").unwrap();
    let mut long = Vec::new();
    for s in sources() {
        let lines: Vec<&str> = s.code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(c) = fn_re.captures(line) else {
                continue;
            };
            let (mut depth, mut started) = (0i64, false);
            for (j, l) in lines.iter().enumerate().skip(i) {
                for ch in l.chars() {
                    match ch {
                        '{' => {
                            depth += 1;
                            started = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                if !started && l.trim_end().ends_with(';') {
                    break;
                }
                if started && depth <= 0 {
                    if j - i + 1 > 120 {
                        long.push(format!(
                            "{}: {} ({} lines)",
                            s.path.display(),
                            &c[5],
                            j - i + 1
                        ));
                    }
                    break;
                }
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over 120 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn command_names_are_written_once() {
    let names: Vec<&str> = TABLE.iter().flat_map(|s| s.names.iter().copied()).collect();
    for s in sources() {
        if s.module.join("::") == "engine::kernel::command" {
            continue;
        }
        let raw = std::fs::read_to_string(&s.path).unwrap();
        let raw = match raw.find("#[cfg(test)]") {
            Some(i) => &raw[..i],
            None => &raw[..],
        };
        for n in &names {
            for quoted in [format!("\"/{n}\""), format!("\"/{n} "), format!("\"/{n}@")] {
                assert!(
                    !raw.contains(&quoted),
                    "{} writes the command /{n}; use the command table",
                    s.path.display()
                );
            }
        }
    }
}

#[test]
fn texts_and_dialogs_name_only_commands_of_the_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let slash = regex::Regex::new(r"(?:^|[\s(（“「\x22'`])/([a-z]+)\b").unwrap();
    let mut seen = BTreeSet::new();
    for lang in ["zh-CN", "en"] {
        let ftl = std::fs::read_to_string(root.join(format!("locales/{lang}/linli.ftl"))).unwrap();
        for c in slash.captures_iter(&ftl) {
            assert!(
                Command::parse(&c[1]).is_some(),
                "locales/{lang}/linli.ftl names /{}, which is no command",
                &c[1]
            );
            seen.insert(c[1].to_string());
        }
    }
    assert!(
        seen.len() > 10,
        "the help texts name the commands: {seen:?}"
    );
    // Every resident's command that the help names exists, and the dialogs' too.
    let dialogs = linli::dialog::Dialogs::load(&root.join("dialogs"), None).unwrap();
    for f in &dialogs.flows {
        for c in &f.commands {
            assert!(
                Command::parse(c).is_some(),
                "dialogs/{}.toml: /{c} is no command",
                f.name
            );
        }
    }
    for item in &dialogs.menu.items {
        if let Some(c) = &item.command {
            assert!(
                Command::parse(c).is_some() || c == "simple_off",
                "dialogs/menu.toml: {c} is no command"
            );
        }
    }
}
