//! A tiny HTTP/1.1 server on 127.0.0.1 for introspection tests: answers from a route
//! table and records every request it receives.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// Path with query string.
    pub target: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
}

/// A canned answer for requests matching method, path and optional body/header text.
#[derive(Clone, Debug)]
pub struct Route {
    pub method: &'static str,
    pub path: String,
    pub body_contains: Option<String>,
    pub header_present: Option<String>,
    pub header_equals: Option<(String, String)>,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
    /// Answer this many times only (then the next matching route answers).
    pub times: Option<usize>,
}

impl Route {
    pub fn new(method: &'static str, path: &str, status: u16, body: &str) -> Self {
        Route {
            method,
            path: path.to_string(),
            body_contains: None,
            header_present: None,
            header_equals: None,
            status,
            headers: Vec::new(),
            body: body.to_string(),
            delay: Duration::ZERO,
            times: None,
        }
    }

    pub fn get(path: &str, status: u16, body: &str) -> Self {
        Route::new("GET", path, status, body)
    }

    pub fn post(path: &str, status: u16, body: &str) -> Self {
        Route::new("POST", path, status, body)
    }

    pub fn when_body(mut self, text: &str) -> Self {
        self.body_contains = Some(text.to_string());
        self
    }

    pub fn when_header(mut self, name: &str) -> Self {
        self.header_present = Some(name.to_ascii_lowercase());
        self
    }

    pub fn when_header_is(mut self, name: &str, value: &str) -> Self {
        self.header_equals = Some((name.to_ascii_lowercase(), value.to_string()));
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn times(mut self, n: usize) -> Self {
        self.times = Some(n);
        self
    }

    fn matches(&self, request: &Recorded) -> bool {
        self.times != Some(0)
            && self.method == request.method
            && self.path == request.path()
            && self.body_contains.as_ref().is_none_or(|t| request.body.contains(t.as_str()))
            && self.header_present.as_ref().is_none_or(|h| request.header(h).is_some())
            && self.header_equals.as_ref().is_none_or(|(h, v)| request.header(h) == Some(v.as_str()))
    }
}

/// The server; stops accepting when dropped (its thread ends with the test process).
pub struct MockServer {
    pub port: u16,
    routes: Arc<Mutex<Vec<Route>>>,
    requests: Arc<Mutex<Vec<Recorded>>>,
    load: Arc<Load>,
}

/// Requests being answered now, and the most ever answered at once.
#[derive(Default)]
struct Load {
    now: AtomicUsize,
    peak: AtomicUsize,
}

impl MockServer {
    pub fn start(routes: Vec<Route>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let routes = Arc::new(Mutex::new(routes));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let load = Arc::new(Load::default());
        let (r, q, l) = (routes.clone(), requests.clone(), load.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, q, l) = (r.clone(), q.clone(), l.clone());
                thread::spawn(move || serve(stream, &r, &q, &l));
            }
        });
        MockServer { port, routes, requests, load }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// The most requests that were in progress at the same time.
    pub fn peak_concurrency(&self) -> usize {
        self.load.peak.load(Ordering::SeqCst)
    }
}

fn serve(stream: TcpStream, routes: &Mutex<Vec<Route>>, requests: &Mutex<Vec<Recorded>>, load: &Load) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let Some(request) = read_request(&mut reader) else { return };
    let now = load.now.fetch_add(1, Ordering::SeqCst) + 1;
    load.peak.fetch_max(now, Ordering::SeqCst);
    answer(stream, &request, routes, requests, load);
}

/// Sends the route's answer. The request stops counting as in flight just before the
/// response goes out: once the client has it, it may send its next request at once.
fn answer(
    stream: TcpStream,
    request: &Recorded,
    routes: &Mutex<Vec<Route>>,
    requests: &Mutex<Vec<Recorded>>,
    load: &Load,
) {
    let request = request.clone();
    requests.lock().unwrap().push(request.clone());
    let route = {
        let mut routes = routes.lock().unwrap();
        let found = routes.iter_mut().find(|r| r.matches(&request));
        found.map(|r| {
            if let Some(n) = r.times.as_mut() {
                *n -= 1;
            }
            r.clone()
        })
    };
    let route = route.unwrap_or_else(|| Route::new("", "", 404, r#"{"error":"no route"}"#));
    thread::sleep(route.delay);
    load.now.fetch_sub(1, Ordering::SeqCst);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\nContent-Type: application/json\r\n",
        route.status,
        route.body.len()
    );
    for (name, value) in &route.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(route.body.as_bytes());
    let _ = out.flush();
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Recorded> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let length: usize =
        headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded { method, target, headers, body: String::from_utf8_lossy(&body).into_owned() })
}
