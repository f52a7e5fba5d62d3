//! Reading the markup of annotated corpora (TimeML, Reuters SGML).

/// Text with its character references read: the five XML entities become their
/// characters; numeric references are dropped (in these corpora they are control
/// characters of the wire, not text).
///
/// ```text
/// unescape("AT&amp;T &lt;b&gt;&#3;") == "AT&T <b>"
/// ```
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e < 8);
        match end.map(|e| &rest[1..e]) {
            Some("lt") => out.push('<'),
            Some("gt") => out.push('>'),
            Some("amp") => out.push('&'),
            Some("quot") => out.push('"'),
            Some("apos") => out.push('\''),
            Some(code) if code.starts_with('#') => {}
            _ => {
                out.push('&');
                rest = &rest[1..];
                continue;
            }
        }
        rest = &rest[end.expect("matched") + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn entities_are_read_and_wire_codes_dropped() {
        assert_eq!(
            super::unescape("AT&amp;T &lt;b&gt;&#3; R&D"),
            "AT&T <b> R&D"
        );
    }
}
