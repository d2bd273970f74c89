//! The stdio transport: a guard in front of tower-lsp-server's framing. Its decoder sits
//! in tokio-util's `FramedRead`, which ends the input stream after the first decode
//! error — one malformed header, invalid JSON body or invalid UTF-8 byte from a client
//! would stop the whole server. So frames are read here first, on a plain thread (a
//! blocking stdin read cannot hold up runtime shutdown there), and only messages
//! tower-lsp can decode are passed on, re-framed. Every other frame is answered with a
//! JSON-RPC error (parse error or invalid request) and logged. All output, tower-lsp's and
//! those errors, goes through one writer task, whole frames at a time.
//!
//! Depends on tokio, serde_json and tower-lsp-server's JSON-RPC types.

use std::borrow::Cow;
use std::io::{self, Read};

use serde::Deserialize;
use serde::de::IgnoredAny;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Response};

/// A message body larger than this is discarded unread (the 50 MB files editors may
/// open stay well under it).
pub const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

/// A header block longer than this is garbage, not a header.
const MAX_HEADER_BYTES: usize = 8 * 1024;

const CONTENT_LENGTH: &[u8] = b"content-length";

/// One thing read from the client.
#[derive(Debug, PartialEq)]
pub enum Incoming {
    /// The body of a well-framed message (not yet validated).
    Body(Vec<u8>),
    /// Bytes that could not be framed, and why; reading resumes at the next header.
    Malformed(String),
}

/// Splits a byte stream into `Content-Length` frames, resynchronising on the next
/// `Content-Length` header after garbage.
pub struct FrameReader<R> {
    inner: R,
    buf: Vec<u8>,
    eof: bool,
    /// After garbage: what is buffered is skipped up to the next `Content-Length`.
    resyncing: bool,
}

impl<R: Read> FrameReader<R> {
    pub fn new(inner: R) -> Self {
        FrameReader {
            inner,
            buf: Vec::with_capacity(64 * 1024),
            eof: false,
            resyncing: false,
        }
    }

    /// Reads more input; false at end of input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        let mut chunk = [0u8; 64 * 1024];
        loop {
            match self.inner.read(&mut chunk) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Drops buffered bytes up to the next `Content-Length` header (case-insensitive);
    /// false when none is buffered yet (a tail that may start one is kept).
    fn skip_to_header(&mut self) -> bool {
        match find_ignore_case(&self.buf, CONTENT_LENGTH) {
            Some(at) => {
                self.buf.drain(..at);
                true
            }
            None => {
                let keep = self.buf.len().min(CONTENT_LENGTH.len() - 1);
                self.buf.drain(..self.buf.len() - keep);
                false
            }
        }
    }

    /// Skips `consumed` bytes of garbage and looks for the next header from there on.
    fn resync(&mut self, consumed: usize) {
        self.buf.drain(..consumed.min(self.buf.len()));
        self.resyncing = true;
    }

    /// The next frame, `None` at end of input.
    pub fn next_frame(&mut self) -> io::Result<Option<Incoming>> {
        loop {
            if self.resyncing {
                if self.skip_to_header() {
                    self.resyncing = false;
                } else if self.fill()? {
                    continue;
                } else {
                    return Ok(None);
                }
            }
            let Some(header_end) = find(&self.buf, b"\r\n\r\n") else {
                if self.buf.len() > MAX_HEADER_BYTES {
                    self.resync(1);
                    return Ok(Some(Incoming::Malformed(format!(
                        "no header end within {MAX_HEADER_BYTES} bytes"
                    ))));
                }
                if !self.fill()? {
                    let rest = std::mem::take(&mut self.buf);
                    return Ok((!rest.iter().all(u8::is_ascii_whitespace)).then(|| {
                        Incoming::Malformed(format!(
                            "{} bytes at end of input are not a message",
                            rest.len()
                        ))
                    }));
                }
                continue;
            };
            let length = match content_length(&self.buf[..header_end]) {
                Ok(length) => length,
                Err(problem) => {
                    self.resync(header_end + 4);
                    return Ok(Some(Incoming::Malformed(problem)));
                }
            };
            let body_start = header_end + 4;
            if length > MAX_BODY_BYTES {
                self.buf.drain(..body_start);
                self.discard(length)?;
                return Ok(Some(Incoming::Malformed(format!(
                    "message of {length} bytes exceeds the limit of {MAX_BODY_BYTES}"
                ))));
            }
            self.buf
                .reserve((body_start + length).saturating_sub(self.buf.len()));
            while self.buf.len() < body_start + length {
                if !self.fill()? {
                    self.buf.clear();
                    return Ok(Some(Incoming::Malformed(format!(
                        "input ended inside a message of {length} bytes"
                    ))));
                }
            }
            // Hand the buffer itself over as the body (a large message is not copied);
            // what follows it stays buffered.
            let rest = self.buf.split_off(body_start + length);
            let mut body = std::mem::replace(&mut self.buf, rest);
            body.drain(..body_start);
            return Ok(Some(Incoming::Body(body)));
        }
    }

    /// Skips `n` bytes of input, buffered or not.
    fn discard(&mut self, mut n: usize) -> io::Result<()> {
        let buffered = n.min(self.buf.len());
        self.buf.drain(..buffered);
        n -= buffered;
        while n > 0 {
            if !self.fill()? {
                return Ok(());
            }
            let taken = n.min(self.buf.len());
            self.buf.drain(..taken);
            n -= taken;
        }
        Ok(())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The `Content-Length` of a header block; other headers are ignored (the body is
/// re-framed for tower-lsp with a clean header).
fn content_length(header: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(header).map_err(|_| "header is not ASCII".to_owned())?;
    let mut length = None;
    for line in text.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("malformed header line `{}`", line.escape_debug()));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let parsed = value
                .trim()
                .parse::<usize>()
                .map_err(|e| format!("invalid Content-Length `{}`: {e}", value.trim()))?;
            length = Some(parsed);
        }
    }
    length.ok_or_else(|| "missing Content-Length header".to_owned())
}

/// The fields tower-lsp's `Request` requires, read without copying `params` (which can
/// be a 50 MB document).
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    jsonrpc: Cow<'a, str>,
    /// Read only to check that it is a string, as tower-lsp requires.
    #[serde(default, borrow, rename = "method")]
    _method: Option<Cow<'a, str>>,
    /// Read only to check its type.
    #[serde(default, rename = "id")]
    _id: Option<Id>,
    /// Walked, never kept.
    #[serde(default, rename = "params")]
    _params: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<Id>,
}

/// Whether tower-lsp will decode `body`; the error response to send when not.
pub fn validate(body: &[u8]) -> Result<(), Response> {
    let reject = |id: Id, code: ErrorCode, message: String| {
        Response::from_error(
            id,
            Error {
                code,
                message: Cow::Owned(message),
                data: None,
            },
        )
    };
    if let Err(e) = std::str::from_utf8(body) {
        return Err(reject(
            Id::Null,
            ErrorCode::ParseError,
            format!("message body is not valid UTF-8: {e}"),
        ));
    }
    if let Err(e) = serde_json::from_slice::<IgnoredAny>(body) {
        return Err(reject(
            Id::Null,
            ErrorCode::ParseError,
            format!("message body is not valid JSON: {e}"),
        ));
    }
    let as_request = serde_json::from_slice::<Envelope>(body)
        .map_err(|e| e.to_string())
        .and_then(|envelope| match envelope.jsonrpc.as_ref() {
            "2.0" => Ok(()),
            other => Err(format!("unsupported JSON-RPC version `{other}`")),
        });
    match as_request {
        Ok(()) => Ok(()),
        // A response to one of our requests is decoded by tower-lsp as such.
        Err(_) if serde_json::from_slice::<Response>(body).is_ok() => Ok(()),
        Err(problem) => {
            let id = serde_json::from_slice::<IdOnly>(body)
                .ok()
                .and_then(|i| i.id)
                .unwrap_or(Id::Null);
            Err(reject(
                id,
                ErrorCode::InvalidRequest,
                format!("not a JSON-RPC 2.0 message: {problem}"),
            ))
        }
    }
}

/// A frame ready to write.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// What the output writer receives.
pub enum Outgoing {
    Frame(Vec<u8>),
    /// tower-lsp's output ended: write what is queued, then stop.
    End,
}

/// Reads client frames until end of input (run on its own thread): valid bodies go to
/// `valid`, error responses for the rest to `output`.
pub fn read_client(input: impl Read, valid: mpsc::Sender<Vec<u8>>, output: mpsc::Sender<Outgoing>) {
    let mut reader = FrameReader::new(input);
    loop {
        let incoming = match reader.next_frame() {
            Ok(Some(incoming)) => incoming,
            Ok(None) => break,
            Err(e) => {
                tracing::error!("cannot read stdin: {e}");
                break;
            }
        };
        let rejection = match incoming {
            Incoming::Body(body) => match validate(&body) {
                Ok(()) => {
                    // Header and body go separately, so the body is never copied.
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    if valid.blocking_send(header.into_bytes()).is_err()
                        || valid.blocking_send(body).is_err()
                    {
                        break;
                    }
                    continue;
                }
                Err(response) => response,
            },
            Incoming::Malformed(problem) => Response::from_error(
                Id::Null,
                Error {
                    code: ErrorCode::ParseError,
                    message: Cow::Owned(format!("malformed message frame: {problem}")),
                    data: None,
                },
            ),
        };
        tracing::error!(
            "rejected a client message: {}",
            rejection
                .error()
                .map_or_else(String::new, |e| e.message.to_string())
        );
        match serde_json::to_vec(&rejection) {
            Ok(body) => {
                if output.blocking_send(Outgoing::Frame(frame(&body))).is_err() {
                    break;
                }
            }
            Err(e) => tracing::error!("cannot encode an error response: {e}"),
        }
    }
}

/// Copies validated frames (header and body as separate chunks) into tower-lsp's input; dropping the writer at the end tells
/// tower-lsp the client is gone.
pub async fn feed_server(
    mut frames: mpsc::Receiver<Vec<u8>>,
    mut to_server: impl AsyncWrite + Unpin,
) {
    while let Some(frame) = frames.recv().await {
        if let Err(e) = to_server.write_all(&frame).await {
            tracing::error!("cannot pass a message to the server: {e}");
            return;
        }
    }
}

/// Splits tower-lsp's output (well-formed by construction) into frames for the writer.
pub async fn collect_server_output(
    from_server: impl AsyncRead + Unpin,
    output: mpsc::Sender<Outgoing>,
) {
    let mut reader = BufReader::new(from_server);
    loop {
        match read_server_frame(&mut reader).await {
            Ok(Some(frame)) => {
                if output.send(Outgoing::Frame(frame)).await.is_err() {
                    return;
                }
            }
            Ok(None) => break,
            Err(e) => {
                tracing::error!("cannot read the server's output: {e}");
                break;
            }
        }
    }
    let _ = output.send(Outgoing::End).await;
}

async fn read_server_frame(
    reader: &mut (impl AsyncBufReadExt + Unpin),
) -> io::Result<Option<Vec<u8>>> {
    let mut header = Vec::new();
    let mut length = None;
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        header.extend_from_slice(&line);
        if line == b"\r\n" {
            break;
        }
        if let Ok(parsed) = content_length(line.trim_ascii_end()) {
            length = Some(parsed);
        }
    }
    let length = length.ok_or_else(|| io::Error::other("server frame without Content-Length"))?;
    let mut frame = header;
    let start = frame.len();
    frame.resize(start + length, 0);
    reader.read_exact(&mut frame[start..]).await?;
    Ok(Some(frame))
}

/// Writes frames to the client in arrival order until `End`.
pub async fn write_client(mut frames: mpsc::Receiver<Outgoing>, mut out: impl AsyncWrite + Unpin) {
    while let Some(outgoing) = frames.recv().await {
        let Outgoing::Frame(frame) = outgoing else {
            break;
        };
        if out.write_all(&frame).await.is_err() || out.flush().await.is_err() {
            // The client is gone; nothing more can be said to it.
            return;
        }
    }
    let _ = out.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Incoming> {
        let mut reader = FrameReader::new(input);
        std::iter::from_fn(|| reader.next_frame().unwrap()).collect()
    }

    const PING: &[u8] = br#"{"jsonrpc":"2.0","method":"x"}"#;

    fn good() -> Vec<u8> {
        frame(PING)
    }

    #[test]
    fn frames_are_split_and_bad_headers_skipped_to_the_next_frame() {
        let mut input = good();
        input.extend_from_slice(b"Content-Length: abc\r\n\r\n{\"x\":1}");
        input.extend(good());
        input.extend_from_slice(b"Content-Type: x\r\n\r\n");
        input.extend(good());
        let got = frames(&input);
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(got[0], Incoming::Body(PING.to_vec()));
        assert!(matches!(&got[1], Incoming::Malformed(p) if p.contains("abc")));
        assert_eq!(got[2], Incoming::Body(PING.to_vec()));
        assert!(matches!(&got[3], Incoming::Malformed(p) if p.contains("missing")));
        assert_eq!(got[4], Incoming::Body(PING.to_vec()));
    }

    /// Hands out input a few bytes per read, as a pipe may.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(out.len()).min(3);
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn resynchronising_works_when_the_next_header_arrives_in_a_later_read() {
        let mut input = b"Content-Length: many\r\n\r\n{\"jsonrpc\":\"2.0\"}".to_vec();
        input.extend(good());
        input.extend_from_slice(b"X-Nonsense\r\n\r\n");
        input.extend(good());
        let mut reader = FrameReader::new(Trickle(&input));
        let got: Vec<Incoming> = std::iter::from_fn(|| reader.next_frame().unwrap()).collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[1], Incoming::Body(PING.to_vec()));
        assert_eq!(got[3], Incoming::Body(PING.to_vec()));
    }

    #[test]
    fn a_truncated_frame_and_trailing_garbage_are_reported() {
        let got = frames(b"Content-Length: 100\r\n\r\n{}");
        assert!(matches!(&got[..], [Incoming::Malformed(p)] if p.contains("ended")));
        let got = frames(b"hello");
        assert!(matches!(&got[..], [Incoming::Malformed(_)]));
        assert!(frames(b"\r\n").is_empty());
    }

    #[test]
    fn oversized_bodies_are_skipped_unread() {
        let mut input = format!("Content-Length: {}\r\n\r\n", MAX_BODY_BYTES + 1).into_bytes();
        input.extend(good());
        // The declared body swallows what follows, as it would have been read.
        let got = frames(&input);
        assert!(matches!(&got[..], [Incoming::Malformed(p)] if p.contains("exceeds")));
    }

    #[test]
    fn validation_accepts_what_tower_lsp_decodes_and_answers_the_rest() {
        assert!(validate(PING).is_ok());
        assert!(validate(br#"{"jsonrpc":"2.0","id":3,"result":null}"#).is_ok());
        let reject = |b: &[u8]| serde_json::to_value(validate(b).unwrap_err()).unwrap();
        let bad_utf8 = reject(b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}");
        assert_eq!(bad_utf8["error"]["code"], -32700);
        assert_eq!(bad_utf8["id"], serde_json::Value::Null);
        assert_eq!(reject(b"{not json")["error"]["code"], -32700);
        let wrong_version = reject(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#);
        assert_eq!(wrong_version["error"]["code"], -32600);
        assert_eq!(wrong_version["id"], 7);
        assert_eq!(
            reject(br#"{"jsonrpc":"2.0","method":5}"#)["error"]["code"],
            -32600
        );
        assert_eq!(reject(b"")["error"]["code"], -32700);
    }
}
