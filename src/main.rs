//! The `linli` command: run the bot, the console simulator, the demo, and tools.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use linli::app::{build_engine, EngineOptions};
use linli::clock::{ManualClock, SystemClock};
use linli::config::Config;
use linli::console::{run_lines, Console, PrintOptions};
use linli::i18n::Locale;

/// The demo: three neighbours in one group, the whole slice, in Chinese.
const DEMO_SCRIPT: &str = include_str!("../tests/scripts/demo_zh.txt");

#[derive(Parser)]
#[command(
    name = "linli",
    version,
    about = "邻里 Linli: a neighbourhood exchange bot for Telegram groups"
)]
struct Cli {
    /// Configuration file (default: ./bot.toml if present).
    #[arg(long, global = true, env = "LINLI_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the bot on Telegram (long polling). Needs TELOXIDE_TOKEN.
    Run,
    /// The local chat simulator (docs/console.md).
    Console {
        /// Database URL, or an SQLite file path (default: database.url of the configuration).
        #[arg(long)]
        db: Option<String>,
        /// Language of groups and new residents: zh-CN, zh-Hant or en.
        #[arg(long)]
        lang: Option<String>,
        /// Read lines from FILE instead of standard input.
        #[arg(long)]
        script: Option<PathBuf>,
        /// Print one JSON object per message.
        #[arg(long)]
        json: bool,
        /// Repeat each input line before the bot's answer.
        #[arg(long)]
        echo: bool,
        /// Write the documents (CSV exports) and drawn photos (charts) the bot sends into DIR.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Replay the demo on a fresh temporary database, then go on interactively on a terminal.
    Demo {
        #[arg(long)]
        json: bool,
    },
    /// Print the database state as JSON.
    State {
        #[arg(long)]
        db: Option<String>,
        /// JSON output (the only format).
        #[arg(long)]
        json: bool,
    },
    /// An anonymised Markdown summary of resolved disputes, by kind of problem, for the
    /// notice board.
    Handbook {
        #[arg(long)]
        db: Option<String>,
        /// Only the community of this group chat id.
        #[arg(long, allow_hyphen_values = true)]
        community: Option<i64>,
        /// zh-CN, zh-Hant or en (default: the configured default language).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Write a community's CSV files for a period (as /export sends them) into a directory.
    Export {
        #[arg(long)]
        db: Option<String>,
        /// The directory the files are written to (created if needed).
        #[arg(long)]
        out: PathBuf,
        /// Only the community of this group chat id, or whose name contains this.
        #[arg(long, allow_hyphen_values = true)]
        community: Option<String>,
        /// The period, as the /export command reads it: "this month" (the default), "last
        /// month", "last 30 days", "2026-11-01 2026-11-30" …
        #[arg(long, default_value = "")]
        period: String,
    },
    /// Apply pending database migrations and exit.
    Migrate {
        #[arg(long)]
        db: Option<String>,
    },
    /// Parse JSON lines from standard input (docs/parse.md).
    Parse,
    /// Train the parser's learned layer from labelled corpus files and write the model
    /// (reproducible: the same files give the same model). See README § The parser.
    TrainParser {
        /// Labelled JSON-lines files (`{"text": …, "expect": {"kind": …}}`).
        #[arg(default_values = linli::parse::TRAINING_FILES)]
        files: Vec<PathBuf>,
        /// Where the model is written.
        #[arg(long, default_value = "locales/parse-model.tsv")]
        out: PathBuf,
    },
    /// Measure speed: `ledger` (transfers/s against the database's floor), `parse`, or `dialog`
    /// (whole updates through the engine).
    Bench {
        #[arg(value_enum)]
        what: BenchWhat,
        /// Operations per measurement.
        #[arg(long, default_value_t = 2000)]
        n: usize,
        /// PostgreSQL server for the ledger benchmark (a scratch database is made there).
        #[arg(long, env = "LINLI_TEST_POSTGRES")]
        postgres: Option<String>,
        /// `ingest`: the database sizes (listings and sent messages already there) at which
        /// a listing and a button press are timed.
        #[arg(long, value_delimiter = ',', default_values_t = [1000, 10000, 100000])]
        sizes: Vec<usize>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum BenchWhat {
    Ledger,
    Parse,
    /// Whole updates through the engine: offer dialogs (`--n` flows of eight messages).
    Dialog,
    /// Search and matching with `--n` listings over `n / 200` communities (p50/p99).
    Match,
    /// The workers' /stats and /export for one community with `--n` listings.
    Stats,
    /// Whole group-listing updates beside the single-row commit floor, one per transaction
    /// and in batches; SQL statements per update; time per listing and per button press at
    /// each of `--sizes`.
    Ingest,
}

/// The parser's labelled corpus, for `linli bench parse`.
const PARSE_CORPUS: &str = include_str!("../tests/corpus/parse-corpus.jsonl");

fn load_config(path: Option<&std::path::Path>, db: Option<String>) -> anyhow::Result<Config> {
    let mut cfg = Config::load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(db) = db {
        cfg.database.url = db_url(db);
    }
    Ok(cfg)
}

/// `--db` takes a database URL, or a plain file path meaning an SQLite file
/// (`--db /tmp/test.db` is `sqlite:///tmp/test.db`).
fn db_url(db: String) -> String {
    if db.contains("://") || db.starts_with("sqlite:") || db.starts_with("postgres") {
        db
    } else {
        format!("sqlite://{db}")
    }
}

#[tokio::main]
async fn main() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::Layer;
    let cli = Cli::parse();
    let log = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(
            tracing_subscriber::EnvFilter::try_from_env("LINLI_LOG")
                .unwrap_or_else(|_| "warn,linli=info".into()),
        );
    // `linli bench` counts the SQL statements an update costs.
    let counting = matches!(cli.cmd, Cmd::Bench { .. });
    tracing_subscriber::registry()
        .with(log)
        .with(counting.then(linli::bench::ingest::statement_counter))
        .init();
    if let Err(e) = real_main(cli).await {
        eprintln!("linli: {e:#}");
        std::process::exit(1);
    }
}

/// The lexicons (and learned layer) of the configured `bot.locales_dir`, else the shipped ones.
fn configured_lexicon(cfg_path: Option<&std::path::Path>) -> anyhow::Result<linli::parse::Lexicon> {
    let cfg = load_config(cfg_path, None)?;
    let dir = std::path::Path::new(&cfg.bot.locales_dir);
    Ok(if dir.is_dir() {
        linli::parse::Lexicon::from_dir(dir)?
    } else {
        linli::parse::Lexicon::builtin()
    })
}

async fn real_main(cli: Cli) -> anyhow::Result<()> {
    let cfg_path = cli.config.as_deref();
    match cli.cmd {
        Cmd::Run => run_bot(load_config(cfg_path, None)?).await,
        Cmd::Console {
            db,
            lang,
            script,
            json,
            echo,
            out,
        } => run_console(load_config(cfg_path, db)?, lang, script, json, echo, out).await,
        Cmd::Demo { json } => run_demo(load_config(cfg_path, None)?, json).await,
        Cmd::State { db, json: _ } => print_state(load_config(cfg_path, db)?).await,
        Cmd::Handbook {
            db,
            community,
            lang,
        } => print_handbook(load_config(cfg_path, db)?, community, lang).await,
        Cmd::Export {
            db,
            out,
            community,
            period,
        } => export_csv(load_config(cfg_path, db)?, out, community, period).await,
        Cmd::Migrate { db } => {
            let cfg = load_config(cfg_path, db)?;
            linli::store::Store::open(&cfg.database).await?;
            println!(
                "migrations applied to {}",
                linli::app::redact(&cfg.database.url)
            );
            Ok(())
        }
        Cmd::Bench {
            what,
            n,
            postgres,
            sizes,
        } => bench(what, n, postgres.as_deref(), &sizes).await,
        Cmd::TrainParser { files, out } => {
            let lex = configured_lexicon(cfg_path)?;
            let t = linli::parse::train_layer(&files, &lex).map_err(anyhow::Error::msg)?;
            std::fs::write(&out, &t.tsv).with_context(|| format!("writing {}", out.display()))?;
            println!(
                "{} messages, {} features, thresholds: veto {}, promote {} (naming nothing the lexicons know: {}), unsure {}; 5-fold cross-validation: kind {:.3} -> {:.3}, chatter taken for a listing {:.3} -> {:.3}, unsure {:.3}; written to {}",
                t.messages,
                t.features,
                t.thresholds.veto,
                t.thresholds.promote,
                t.thresholds.promote_bare,
                t.thresholds.unsure,
                t.cv_rules.0,
                t.cv_layer.0,
                t.cv_rules.1,
                t.cv_layer.1,
                t.cv_unsure,
                out.display()
            );
            println!(
                "resource (a thing or not) of the rules' listings, cross-validated: {:.3} -> {:.3} (threshold {})",
                t.cv_resource.0, t.cv_resource.1, t.res_threshold
            );
            println!(
                "know-how or time of the rules' listings of either, cross-validated: {:.3} -> {:.3} (threshold {})",
                t.cv_skill.0, t.cv_skill.1, t.skill_threshold
            );
            println!(
                "category of the labelled listings, cross-validated: {:.3} -> {:.3} (threshold {})",
                t.cv_category.0, t.cv_category.1, t.cat_threshold
            );
            Ok(())
        }
        Cmd::Parse => {
            let lex = configured_lexicon(cfg_path)?;
            let stdin = std::io::stdin();
            if std::env::var_os("PARSE_EXPLAIN").is_some() {
                use std::io::BufRead;
                for line in stdin.lock().lines() {
                    let line = line?;
                    let v: serde_json::Value = serde_json::from_str(&line)?;
                    let text = v["text"].as_str().unwrap_or_default();
                    println!("{}\t{text}", linli::parse::explain(text, &lex));
                }
                return Ok(());
            }
            linli::parse::run_jsonl(stdin.lock(), std::io::stdout().lock(), &lex)
                .context("reading standard input")
        }
    }
}

/// `linli run`: the bot on Telegram.
async fn run_bot(cfg: Config) -> anyhow::Result<()> {
    let token = linli::config::telegram_token().map_err(|e| anyhow::anyhow!("{e}"))?;
    use secrecy::ExposeSecret;
    let api = url::Url::parse(&cfg.telegram.api_url)?;
    let bot = teloxide::Bot::new(token.expose_secret()).set_api_url(api);
    let me = linli::telegram::get_me_patiently(&bot, &cfg.telegram.api_url).await?;
    let username = me.username().to_string();
    let opts = EngineOptions {
        bot_username: Some(username.clone()),
        ..Default::default()
    };
    let engine = Arc::new(build_engine(cfg, Arc::new(SystemClock), opts).await?);
    tracing::info!(bot = %username, "Linli is running");
    linli::telegram::run(engine, bot, me).await
}

/// `linli console`: the local chat simulator on the configured database.
async fn run_console(
    cfg: Config,
    lang: Option<String>,
    script: Option<PathBuf>,
    json: bool,
    echo: bool,
    out: Option<PathBuf>,
) -> anyhow::Result<()> {
    // Old messages stay: `NAME taps …` finds buttons on sent messages, even after `@time`
    // has jumped past `database.keep_days` (in Telegram a button works whatever its age).
    let mut cfg = cfg;
    cfg.database.keep_days = 0;
    let locale = match lang {
        Some(l) => Some(
            Locale::parse(&l)
                .ok_or_else(|| anyhow::anyhow!("--lang: expected zh-CN, zh-Hant or en, got {l}"))?,
        ),
        None => None,
    };
    let mut console = console(cfg, locale).await?;
    if let Some(dir) = out {
        console.transport.write_files_to(dir);
    }
    let opts = PrintOptions {
        json,
        echo,
        prompt: false,
    };
    match script {
        Some(p) => {
            let f = std::fs::File::open(&p).with_context(|| format!("--script {}", p.display()))?;
            run_lines(&mut console, std::io::BufReader::new(f), opts).await?;
        }
        None => {
            let interactive = std::io::stdin().is_terminal();
            if interactive {
                eprintln!("Linli console. Type  NAME@GROUP: text  (a group),  NAME: text  (private),  NAME taps 1. Ctrl-D ends.");
            }
            run_lines(
                &mut console,
                std::io::stdin().lock(),
                PrintOptions {
                    prompt: interactive,
                    ..opts
                },
            )
            .await?;
        }
    }
    console.engine.store.close().await;
    Ok(())
}

/// `linli demo`: the demo script on a temporary database, then the terminal.
async fn run_demo(mut cfg: Config, json: bool) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    cfg.database.url = format!("sqlite://{}", dir.path().join("demo.db").display());
    let mut console = console(cfg, Some(Locale::ZhCn)).await?;
    println!("== 邻里 Linli demo: 三位邻居在「幸福里」群 ==");
    let errors = run_lines(
        &mut console,
        DEMO_SCRIPT.as_bytes(),
        PrintOptions {
            json,
            echo: true,
            prompt: false,
        },
    )
    .await?;
    anyhow::ensure!(errors == 0, "the demo script has {errors} bad lines");
    if std::io::stdin().is_terminal() {
        eprintln!(
            "\nYour turn: try  小王@幸福里: 出闲置：台灯 20积分  or  小李: 积分 . Ctrl-D ends."
        );
        run_lines(
            &mut console,
            std::io::stdin().lock(),
            PrintOptions {
                json,
                echo: false,
                prompt: true,
            },
        )
        .await?;
    }
    console.engine.store.close().await;
    Ok(())
}

/// `linli state --json`.
async fn print_state(cfg: Config) -> anyhow::Result<()> {
    let store = linli::store::Store::open(&cfg.database).await?;
    let state = linli::store::state::snapshot_in(&store, cfg.timezone()).await?;
    // A closed pipe (`linli state | head`) is not an error worth a panic.
    use std::io::Write;
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        serde_json::to_string_pretty(&state)?
    );
    Ok(())
}

/// `linli export`: the CSV files of /export, for each community (or the one named), into `out`.
async fn export_csv(
    cfg: Config,
    out: PathBuf,
    community: Option<String>,
    period: String,
) -> anyhow::Result<()> {
    use linli::engine::cases::desk;
    let tz = cfg.timezone();
    let engine = build_engine(cfg, Arc::new(SystemClock), EngineOptions::default()).await?;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let (p, rest) = desk::period_of(&period, today).ok_or_else(|| {
        anyhow::anyhow!("--period: expected e.g. \"last month\" or \"2026-11-01 2026-11-30\"")
    })?;
    anyhow::ensure!(rest.is_empty(), "--period: cannot read {rest:?}");
    let mut tx = engine.store.begin().await?;
    let all = linli::store::members::all_communities(&mut tx).await?;
    let chosen: Vec<_> = all
        .into_iter()
        .filter(|c| match &community {
            None => true,
            Some(w) => c.chat_id.to_string() == *w || c.title.contains(w.as_str()),
        })
        .collect();
    anyhow::ensure!(
        !chosen.is_empty(),
        "no community matches {}",
        community.as_deref().unwrap_or("")
    );
    std::fs::create_dir_all(&out).with_context(|| format!("--out {}", out.display()))?;
    for c in &chosen {
        for (name, bytes) in desk::csv_files(&engine, &mut tx, c, &p).await? {
            let path = out.join(&name);
            std::fs::write(&path, bytes).with_context(|| format!("{}", path.display()))?;
            println!("{}", path.display());
        }
    }
    Ok(())
}

/// `linli handbook`.
async fn print_handbook(
    cfg: Config,
    community: Option<i64>,
    lang: Option<String>,
) -> anyhow::Result<()> {
    let store = linli::store::Store::open(&cfg.database).await?;
    let i18n = linli::i18n::I18n::load(std::path::Path::new(&cfg.bot.locales_dir))?;
    let loc = match lang {
        Some(l) => Locale::parse(&l).context("--lang: expected zh-CN, zh-Hant or en")?,
        None => cfg.default_locale(),
    };
    let today = chrono::Utc::now()
        .with_timezone(&cfg.timezone())
        .format("%Y-%m-%d")
        .to_string();
    let text = linli::handbook::render(&store, &i18n, loc, community, &today).await?;
    use std::io::Write;
    let _ = write!(std::io::stdout(), "{text}");
    Ok(())
}

/// `linli bench …`: figures printed as a table.
async fn bench_ingest(n: usize, sizes: &[usize], postgres: Option<&str>) -> anyhow::Result<()> {
    let (figures, growth) = linli::bench::ingest::run_ingest(n, sizes, postgres).await?;
    println!(
        "{:<30} {:>10} {:>10} {:>6} {:>11} {:>6} {:>9} {:>9}",
        "database",
        "floor tx/s",
        "listings/s",
        "ratio",
        "batched/s",
        "ratio",
        "SQL/list",
        "SQL/tap"
    );
    for f in figures {
        println!(
            "{:<30} {:>10.0} {:>10.0} {:>6.2} {:>11.0} {:>6.2} {:>9.1} {:>9.1}",
            f.label,
            f.floor_per_sec,
            f.single_per_sec,
            f.single_per_sec / f.floor_per_sec,
            f.batched_per_sec,
            f.batched_per_sec / f.floor_per_sec,
            f.statements_listing,
            f.statements_press
        );
    }
    println!(
        "\n{:<16} {:>8} {:>12} {:>12} {:>10} {:>10}",
        "database", "rows", "listing p50", "listing avg", "tap p50", "tap avg"
    );
    for g in growth {
        println!(
            "{:<16} {:>8} {:>9.2} ms {:>9.2} ms {:>7.2} ms {:>7.2} ms",
            g.label, g.rows, g.listing_p50_ms, g.listing_mean_ms, g.press_p50_ms, g.press_mean_ms
        );
    }
    Ok(())
}

async fn bench(
    what: BenchWhat,
    n: usize,
    postgres: Option<&str>,
    sizes: &[usize],
) -> anyhow::Result<()> {
    match what {
        BenchWhat::Ledger => {
            println!(
                "{:<34} {:>14} {:>14} {:>7}",
                "database", "floor tx/s", "transfers/s", "ratio"
            );
            for f in linli::bench::run_ledger(n, postgres).await? {
                println!(
                    "{:<34} {:>14.0} {:>14.0} {:>7.2}",
                    f.label,
                    f.floor_per_sec,
                    f.transfers_per_sec,
                    f.ratio()
                );
            }
        }
        BenchWhat::Dialog => {
            println!(
                "{:<34} {:>8} {:>10} {:>9} {:>9}",
                "database", "updates", "updates/s", "p50 ms", "p99 ms"
            );
            for f in linli::bench::run_dialog(n, postgres).await? {
                println!(
                    "{:<34} {:>8} {:>10.0} {:>9.2} {:>9.2}",
                    f.label, f.updates, f.updates_per_sec, f.p50_ms, f.p99_ms
                );
            }
        }
        BenchWhat::Stats => {
            println!(
                "{:<30} {:>9} {:>7} {:>9} {:>9} {:>10} {:>10}",
                "database",
                "listings",
                "seed s",
                "stats p50",
                "stats max",
                "export ms",
                "CSV bytes"
            );
            for f in linli::bench::run_stats(n, postgres).await? {
                println!(
                    "{:<30} {:>9} {:>7.1} {:>9.1} {:>9.1} {:>10.0} {:>10}",
                    f.label,
                    f.listings,
                    f.seed_secs,
                    f.stats_p50_ms,
                    f.stats_max_ms,
                    f.export_ms,
                    f.export_bytes
                );
            }
        }
        BenchWhat::Match => {
            println!(
                "{:<30} {:>9} {:>6} {:>7} {:>8} {:>8} {:>8} {:>8} {:>6}",
                "database",
                "listings",
                "groups",
                "seed s",
                "find p50",
                "find p99",
                "match50",
                "match99",
                "found"
            );
            for f in linli::bench::run_match(n, postgres).await? {
                println!(
                    "{:<30} {:>9} {:>6} {:>7.1} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>6.1}",
                    f.label,
                    f.listings,
                    f.communities,
                    f.seed_secs,
                    f.search_p50_ms,
                    f.search_p99_ms,
                    f.match_p50_ms,
                    f.match_p99_ms,
                    f.found_avg
                );
            }
        }
        BenchWhat::Parse => {
            let rounds = (n / 100).max(1);
            let (listings, per_sec, long_us) = linli::bench::run_parse(PARSE_CORPUS, rounds);
            println!("corpus: {per_sec:.0} messages/s on one core ({listings} listings per pass)");
            println!("one 4,096-character message: {long_us:.1} µs");
        }
        BenchWhat::Ingest => bench_ingest(n, sizes, postgres).await?,
    }
    Ok(())
}

async fn console(cfg: Config, locale: Option<Locale>) -> anyhow::Result<Console> {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let opts = EngineOptions {
        locale,
        assume_dm_open: true,
        bot_username: None,
    };
    let engine = Arc::new(build_engine(cfg, clock.clone(), opts).await?);
    // On a database used before, the clock starts no earlier than its last update.
    let last = {
        let mut c = engine.store.pool().acquire().await?;
        linli::store::updates::last_handled_at(&mut c).await?
    };
    if let Some(t) = last.and_then(|t| chrono::DateTime::from_timestamp(t, 0)) {
        clock.set(t);
    }
    Ok(Console::new(engine, clock))
}

#[cfg(test)]
mod tests {
    #[test]
    fn db_takes_a_url_or_an_sqlite_file_path() {
        assert_eq!(super::db_url("/tmp/t.db".into()), "sqlite:///tmp/t.db");
        assert_eq!(super::db_url("t.db".into()), "sqlite://t.db");
        assert_eq!(super::db_url("sqlite://x.db".into()), "sqlite://x.db");
        assert_eq!(super::db_url("sqlite::memory:".into()), "sqlite::memory:");
        assert_eq!(
            super::db_url("postgres://postgres@127.0.0.1/x".into()),
            "postgres://postgres@127.0.0.1/x"
        );
    }
}
