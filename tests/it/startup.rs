//! Issue 18, item 15: a database that cannot be used stops start-up at once with one line
//! saying what is wrong, and exit code 1 — not 30 seconds of retries ending in "pool timed out",
//! nor a bot that starts and fails every update. Each case runs the real `linli` binary.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// What a run of `linli` left: its exit code, its standard error, how long it took.
struct Ran {
    code: Option<i32>,
    stderr: String,
    took: Duration,
}

fn linli(args: &[&str]) -> Ran {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_linli"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LINLI_LOG")
        .env_remove("LINLI_DATABASE_URL")
        .output()
        .expect("run linli");
    Ran {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: start.elapsed(),
    }
}

/// `linli state --json --db URL`.
fn state(url: &str) -> Ran {
    linli(&["state", "--json", "--db", url])
}

/// The run failed quickly (well under the pool's 30 s) with exit code 1 and exactly one line on
/// standard error holding every one of `words`.
fn assert_one_clear_line(r: &Ran, words: &[&str]) {
    assert_eq!(r.code, Some(1), "exit code; stderr: {}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {:?}", r.stderr);
    for w in words {
        assert!(lines[0].contains(w), "{w:?} in {:?}", lines[0]);
    }
    assert!(r.took < Duration::from_secs(15), "took {:?}", r.took);
}

fn sqlite_url(p: &Path) -> String {
    format!("sqlite://{}", p.display())
}

/// A new database with every migration, made by `linli migrate`.
fn migrated_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("linli.db");
    let r = linli(&["migrate", "--db", &sqlite_url(&db)]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    db
}

#[test]
fn a_file_that_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("notes.db");
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&f, &garbage).unwrap();
    assert_one_clear_line(
        &state(&sqlite_url(&f)),
        &["not a SQLite database", "notes.db"],
    );
    // The console (and `linli run`) open the store the same way.
    let script = dir.path().join("script.txt");
    std::fs::write(&script, "小王@幸福里: 你好\n").unwrap();
    let r = linli(&[
        "console",
        "--db",
        &sqlite_url(&f),
        "--script",
        script.to_str().unwrap(),
    ]);
    assert_one_clear_line(&r, &["not a SQLite database", "notes.db"]);
    assert_eq!(
        std::fs::read(&f).unwrap(),
        garbage,
        "the file is left alone"
    );
    assert!(
        !dir.path().join("notes.db-wal").exists(),
        "no WAL file is made beside it"
    );
}

/// `mode=ro` in the URL opens the file read-only whoever runs the test (root included).
#[test]
fn a_database_opened_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = migrated_db(dir.path());
    let url = format!("{}?mode=ro", sqlite_url(&db));
    assert_one_clear_line(&state(&url), &["read-only", "mode=ro"]);
}

/// A read-only file in a read-only directory. Root writes anyway (permissions are not enforced
/// for it, as in many CI containers), so the case is skipped when this process can write to
/// the read-only file; `a_database_opened_read_only` covers read-only for root.
#[test]
fn a_read_only_file_in_a_read_only_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = migrated_db(dir.path());
    let ro_dir = dir.path().join("ro");
    std::fs::create_dir(&ro_dir).unwrap();
    let copy = ro_dir.join("linli.db");
    std::fs::copy(&db, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&ro_dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let enforced = std::fs::OpenOptions::new().write(true).open(&copy).is_err();
    let result = enforced.then(|| state(&sqlite_url(&copy)));
    // Writable again, so the temporary directory can be removed.
    std::fs::set_permissions(&ro_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let Some(r) = result else {
        eprintln!("skipped: file permissions are not enforced for this user (root)");
        return;
    };
    assert_one_clear_line(&r, &["read-only", "linli.db"]);
}

/// A PostgreSQL URL like the test server's, with `edit` applied.
fn postgres_url(edit: impl FnOnce(&mut url::Url)) -> Option<String> {
    let admin = crate::helpers::postgres_admin_url()?;
    let mut u = url::Url::parse(&admin).unwrap();
    edit(&mut u);
    Some(u.to_string())
}

#[test]
fn nobody_listening_at_the_postgres_port() {
    // Needs no server, but runs with the other PostgreSQL cases.
    let Some(url) = postgres_url(|u| {
        u.set_host(Some("127.0.0.1")).unwrap();
        u.set_port(Some(1)).unwrap();
        u.set_path("/x");
    }) else {
        return;
    };
    assert_one_clear_line(&state(&url), &["nobody is listening", "127.0.0.1:1"]);
}

#[test]
fn postgres_refuses_the_login() {
    let Some(url) = postgres_url(|u| {
        u.set_username("linli_no_such_role").unwrap();
        u.set_password(None).unwrap();
    }) else {
        return;
    };
    assert_one_clear_line(&state(&url), &["refused the login", "linli_no_such_role"]);
    let Some(url) = postgres_url(|u| u.set_path("/linli_no_such_database")) else {
        return;
    };
    assert_one_clear_line(
        &state(&url),
        &[
            "refused the login",
            "linli_no_such_database",
            "does not exist",
        ],
    );
}

/// A PostgreSQL database that takes no writes (as on a standby): read-only, at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_database_that_takes_no_writes() {
    use crate::helpers::{Db, TestDb};
    use sqlx::Connection;
    let Some(tdb) = TestDb::new(Db::Postgres).await else {
        return;
    };
    let name = url::Url::parse(&tdb.url).unwrap().path()[1..].to_string();
    let admin = crate::helpers::postgres_admin_url().unwrap();
    let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::query(&format!(
        "ALTER DATABASE {name} SET default_transaction_read_only = on"
    ))
    .execute(&mut c)
    .await
    .unwrap();
    let url = tdb.url.clone();
    let r = tokio::task::spawn_blocking(move || state(&url))
        .await
        .unwrap();
    assert_one_clear_line(&r, &["read-only", "transaction_read_only"]);
}
