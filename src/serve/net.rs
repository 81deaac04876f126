//! The network side of `serve`: every connection is a task on one small tokio runtime, served
//! by hyper (HTTP/1.1), so that no connection holds a thread. What a browser, a stuck client or
//! another program can take is bounded: a number of connections and of event streams, a time to
//! send a request's head, and a time a write may stall before its connection is closed.

use bytes::Bytes;
use http_body_util::{Either, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc::UnboundedReceiver;

/// Open connections at most: more are closed as soon as they are accepted.
pub(super) const MAX_CONNECTIONS: usize = 512;
/// How long a request's head may take to arrive (a client sending a byte now and then).
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a write may wait for a client that does not read, before its connection closes.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// A comment on every event stream this often, so that closed pages are noticed: nothing is
/// read from a connection while its stream is sent, so a page gone is found by writing to it
/// (two writes at most: the first after the other end closed still succeeds).
const HEARTBEAT: Duration = Duration::from_secs(5);

/// What a request is answered with.
pub(super) enum Answer {
    /// A complete response: status, headers, body.
    Reply(u16, Vec<(&'static str, String)>, Bytes),
    /// An event stream fed by `events` (messages already in Server-Sent Events form).
    Events(UnboundedReceiver<String>),
}

/// Answers one request from its method, target and headers.
pub(super) trait Answers: Send + Sync + 'static {
    /// The answer to `method target` with `header(name)` for its headers.
    fn answer(&self, method: &str, target: &str, header: &dyn Fn(&str) -> Option<String>)
    -> Answer;
}

/// Serves `listener` until the process ends, on a runtime of one thread of its own.
pub(super) fn serve(
    listener: std::net::TcpListener,
    answers: Arc<dyn Answers>,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("serve-net".into())
        .spawn(move || runtime.block_on(accept(listener, answers)))?;
    Ok(())
}

async fn accept(listener: std::net::TcpListener, answers: Arc<dyn Answers>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let open = Arc::new(AtomicUsize::new(0));
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file handles, say: wait a moment rather than spin.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        if open.load(Ordering::Relaxed) >= MAX_CONNECTIONS {
            continue; // dropped: closed at once
        }
        let _ = stream.set_nodelay(true);
        let guard = Open::new(&open);
        let answers = Arc::clone(&answers);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let answers = Arc::clone(&answers);
                async move { Ok::<_, Infallible>(respond(&*answers, &request)) }
            });
            let io = TokioIo::new(Stalling::new(stream));
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .serve_connection(io, service);
            let _ = connection.await;
            drop(guard);
        });
    }
}

/// Counts an open connection while it lives.
struct Open(Arc<AtomicUsize>);

impl Open {
    fn new(count: &Arc<AtomicUsize>) -> Open {
        count.fetch_add(1, Ordering::Relaxed);
        Open(Arc::clone(count))
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

type Reply = Response<Either<Full<Bytes>, Events>>;

fn respond(answers: &dyn Answers, request: &Request<Incoming>) -> Reply {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    match answers.answer(request.method().as_str(), target, &header) {
        Answer::Reply(status, headers, body) => {
            let mut response = Response::new(Either::Left(Full::new(body)));
            *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
            for (name, value) in headers {
                if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
                    response.headers_mut().insert(name, value);
                }
            }
            response
        }
        Answer::Events(receiver) => {
            let mut response = Response::new(Either::Right(Events::new(receiver)));
            let headers = response.headers_mut();
            headers.insert(
                "Content-Type",
                "text/event-stream".parse().expect("a header"),
            );
            headers.insert("Cache-Control", "no-cache".parse().expect("a header"));
            response
        }
    }
}

/// An event stream's body: a first comment, then every message, with a heartbeat comment when
/// nothing was sent for a while. It ends when the sender goes (the server stops).
pub(super) struct Events {
    first: Option<Bytes>,
    receiver: UnboundedReceiver<String>,
    heartbeat: tokio::time::Interval,
}

impl Events {
    fn new(receiver: UnboundedReceiver<String>) -> Events {
        let mut heartbeat = tokio::time::interval(HEARTBEAT);
        heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        heartbeat.reset();
        Events {
            first: Some(Bytes::from_static(b": connected\n\n")),
            receiver,
            heartbeat,
        }
    }
}

impl Body for Events {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if let Some(first) = self.first.take() {
            return Poll::Ready(Some(Ok(Frame::data(first))));
        }
        match self.receiver.poll_recv(cx) {
            Poll::Ready(Some(message)) => {
                self.heartbeat.reset();
                return Poll::Ready(Some(Ok(Frame::data(Bytes::from(message)))));
            }
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Pending => {}
        }
        match self.heartbeat.poll_tick(cx) {
            Poll::Ready(_) => Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(
                b": still here\n\n",
            ))))),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// A connection whose writes may stall for [`WRITE_TIMEOUT`] at most: a client that stops
/// reading (pipelining hundreds of requests, or a large file it never takes) loses its
/// connection instead of holding memory for ever.
struct Stalling<T> {
    inner: T,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<T> Stalling<T> {
    fn new(inner: T) -> Stalling<T> {
        Stalling {
            inner,
            stalled: None,
        }
    }

    /// `poll` of a write, with the stall clock started on `Pending` and stopped on progress.
    fn write_with<R>(
        &mut self,
        cx: &mut Context<'_>,
        poll: impl FnOnce(Pin<&mut T>, &mut Context<'_>) -> Poll<std::io::Result<R>>,
    ) -> Poll<std::io::Result<R>>
    where
        T: Unpin,
    {
        match poll(Pin::new(&mut self.inner), cx) {
            Poll::Pending => {
                let stall = self
                    .stalled
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(WRITE_TIMEOUT)));
                match stall.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Err(std::io::ErrorKind::TimedOut.into())),
                    Poll::Pending => Poll::Pending,
                }
            }
            ready => {
                self.stalled = None;
                ready
            }
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Stalling<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Stalling<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.write_with(cx, |inner, cx| inner.poll_write(cx, buf))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.write_with(cx, |inner, cx| inner.poll_flush(cx))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        self.write_with(cx, |inner, cx| inner.poll_write_vectored(cx, bufs))
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
