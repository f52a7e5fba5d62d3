//! The HTTP response inside a WARC `response` record.

use std::io::Read;

/// A parsed HTTP response.
pub struct Response<'a> {
    /// The status code.
    pub status: u16,
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

impl<'a> Response<'a> {
    /// Splits a response into status, headers and body.
    pub fn parse(block: &'a [u8]) -> Result<Response<'a>, String> {
        let end = find(block, b"\r\n\r\n")
            .map(|i| (i, i + 4))
            .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
            .ok_or("the HTTP response has no end of headers")?;
        let head = String::from_utf8_lossy(&block[..end.0]);
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or("");
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .filter(|_| status_line.starts_with("HTTP/"))
            .ok_or_else(|| {
                format!(
                    "not an HTTP status line: {:?}",
                    status_line.chars().take(40).collect::<String>()
                )
            })?;
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        Ok(Response {
            status,
            headers,
            body: &block[end.1..],
        })
    }

    /// A header's value (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The payload, with chunked transfer and gzip/deflate content encodings undone.
    pub fn body(&self) -> Result<Vec<u8>, String> {
        let mut body = if self
            .header("transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
        {
            dechunk(self.body)?
        } else {
            self.body.to_vec()
        };
        match self
            .header("content-encoding")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("gzip") | Some("x-gzip") => {
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(&body[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("the gzip content encoding does not decode: {e}"))?;
                body = out;
            }
            Some("deflate") => {
                let mut out = Vec::new();
                flate2::read::ZlibDecoder::new(&body[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("the deflate content encoding does not decode: {e}"))?;
                body = out;
            }
            _ => {}
        }
        Ok(body)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = find(data, b"\r\n").ok_or("a chunk size line is cut off")?;
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| format!("bad chunk size {size_text:?}"))?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size {
            out.extend_from_slice(data);
            return Ok(out);
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        let block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n";
        let response = Response::parse(block).unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.header("content-type"), Some("text/html"));
        assert_eq!(response.body().unwrap(), b"Hello world");
    }
}
