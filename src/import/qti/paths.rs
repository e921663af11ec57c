//! Paths inside a content package: resolving a relative reference against the referring
//! file's folder, and guessing a media type from a file name.

/// The folder of a path (`items/q1.xml` → `items`; `q1.xml` → ``).
pub fn dir_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..i],
        None => "",
    }
}

/// True for a reference that is not relative to the package (`https:`, `data:`, `/abs`).
pub fn is_external(href: &str) -> bool {
    let h = href.trim();
    h.starts_with('/')
        || h.starts_with('#')
        || h.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// Resolve `href` against the folder `base` into a normalized package path: `.` segments
/// dropped, `..` applied, `%XX` escapes decoded, any `?query` or `#fragment` removed. A `..`
/// above the package root is kept, so such a path is never found.
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.trim();
    let href = href.split(['?', '#']).next().unwrap_or_default();
    let href = href.replace('\\', "/");
    let mut parts: Vec<String> = Vec::new();
    let joined = if base.is_empty() {
        href
    } else {
        format!("{base}/{href}")
    };
    let absolute = joined.starts_with('/');
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| p != "..") {
                    parts.pop();
                } else {
                    parts.push("..".to_string());
                }
            }
            s => parts.push(percent_decode(s)),
        }
    }
    let path = parts.join("/");
    if absolute {
        format!("/{path}")
    } else {
        path
    }
}

/// Decode `%XX` escapes; malformed escapes and non-UTF-8 results are left as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |k: usize| bytes.get(k).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// A media type from a file name's extension; `application/octet-stream` when unknown.
pub fn media_type(path: &str) -> &'static str {
    let ext = path
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "ogg" | "oga" => "audio/ogg",
        "wav" => "audio/wav",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "ogv" => "video/ogg",
        "vtt" => "text/vtt",
        "css" => "text/css",
        "html" | "htm" => "text/html",
        "pdf" => "application/pdf",
        "xml" => "application/xml",
        "mml" => "application/mathml+xml",
        "json" => "application/json",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_references() {
        assert_eq!(resolve("items", "../images/a%20b.png"), "images/a b.png");
        assert_eq!(resolve("", "./items/q1.xml#x"), "items/q1.xml");
        assert_eq!(resolve("a/b", "c.png"), "a/b/c.png");
        assert_eq!(resolve("", "../../x.png"), "../../x.png");
        assert_eq!(dir_of("items/q1.xml"), "items");
        assert!(is_external("https://example.org/a.png"));
        assert!(is_external("data:image/png;base64,AAAA"));
        assert!(!is_external("images/a.png"));
        assert_eq!(media_type("images/A.PNG"), "image/png");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }
}
