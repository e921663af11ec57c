//! `certa serve`: run the record service (see `certa::server`) until Ctrl+C or SIGTERM.
//!
//!   certa serve --packages examples/ --db target/certa.db --port 8080 --www .

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use certa::server::{self, ServeConfig};

use super::output::{CliError, Status};

/// The command's arguments.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Directory of package files to register (every certa/1 *.json directly in it).
    #[arg(long, default_value = "examples")]
    pub packages: PathBuf,
    /// SQLite database file (created when absent).
    #[arg(long, default_value = "target/certa.db")]
    pub db: PathBuf,
    /// Address to listen on. Keep 127.0.0.1 unless a reverse proxy with TLS sits in front.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// Port (0 picks a free one; the URL is printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Serve this directory's www/ and pkg/ (the demo host page and the wasm package).
    #[arg(long)]
    pub www: Option<PathBuf>,
    /// Ed25519 private key (PKCS#8 PEM, or 32 bytes as 64 hex characters) that signs badges.
    #[arg(long)]
    pub signing_key: Option<PathBuf>,
    /// Public base URL of the service: xAPI activity IRIs, the learners' account home page and
    /// the badge issuer are under it (default: the exporters' placeholder, certa.invalid).
    #[arg(long)]
    pub public_url: Option<String>,
    /// Name of the badge issuer.
    #[arg(long, default_value = "certa record service")]
    pub issuer_name: String,
    /// Salt of hashed learner identities in badges (needed for learners with an e-mail).
    #[arg(long)]
    pub identity_salt: Option<String>,
    /// Largest request body in bytes.
    #[arg(long, default_value_t = 2 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Storage quota: the most 4 KiB pages the database may hold (SQLite's max_page_count).
    /// Past it, posts are answered 503 storage_full and nothing is stored.
    #[arg(long)]
    pub max_db_pages: Option<u64>,
    /// Seconds past an issued attempt's time limit (counted on this service's clock from the
    /// issue) that its record may still arrive; later ones are refused (time_limit_service_clock).
    #[arg(long, default_value_t = 120)]
    pub time_grace_seconds: u64,
}

pub fn run(args: &ServeArgs) -> Result<Status, CliError> {
    let mut config = ServeConfig::new(args.packages.clone(), args.db.clone());
    config.addr = SocketAddr::new(args.host, args.port);
    config.www_root = args.www.clone();
    config.signing_key = args.signing_key.clone();
    config.public_url = args.public_url.clone();
    config.issuer_name = args.issuer_name.clone();
    config.identity_salt = args.identity_salt.clone();
    config.limits.max_body_bytes = args.max_body_bytes;
    config.max_db_pages = args.max_db_pages;
    config.limits.time_limit_grace_ms = args.time_grace_seconds.saturating_mul(1000);
    let (state, notes) = server::open(&config).map_err(|e| CliError::Usage(e.to_string()))?;
    for note in notes {
        if note.starts_with("storage: ") {
            println!("{note}");
        } else {
            println!("package: {note}");
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Usage(format!("tokio runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| CliError::Usage(format!("listen on {}: {e}", config.addr)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| CliError::Usage(e.to_string()))?;
        println!("certa serve: http://{addr}");
        if config.www_root.is_some() {
            println!("demo page:   http://{addr}/www/index.html");
        }
        println!("records:     {}", config.db_path.display());
        if let Some(key) = &config.signing_key {
            println!("badges:      signed (JWT VC, EdDSA) with {}", key.display());
        }
        println!("press Ctrl+C to stop");
        server::serve(listener, state, shutdown_signal())
            .await
            .map_err(|e| CliError::Usage(format!("serve: {e}")))
    })?;
    Ok(Status::Ok)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    println!("certa serve: stopping (requests in flight finish first)");
}
