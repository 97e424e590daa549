// newsdesk service worker: keeps static assets and the pages a reader opens,
// so opened articles can be read offline. Pages are fetched network-first and
// fall back to the cached copy, then to the offline page.
"use strict";

const VERSION = "__VERSION__";
const STATIC_CACHE = "newsdesk-static-" + VERSION;
const PAGE_CACHE = "newsdesk-pages-v1";
const PRECACHE = __PRECACHE__;
const MAX_PAGES = 100;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC_CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(
        keys
          .filter((k) => k.startsWith("newsdesk-static-") && k !== STATIC_CACHE)
          .map((k) => caches.delete(k))
      )
    ).then(() => self.clients.claim())
  );
});

// keepPage reports whether a page is worth keeping for offline reading:
// articles, stories and the edition pages, never account or admin pages.
function keepPage(url) {
  if (/^\/(signin|signup|signout|admin)/.test(url.pathname)) return false;
  return /^\/[^/]+\/(article|story|section|outlet|tag)\/[^/]+$/.test(url.pathname) ||
    /^\/[^/]+\/$/.test(url.pathname);
}

async function trimPages() {
  const cache = await caches.open(PAGE_CACHE);
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - MAX_PAGES; i++) {
    await cache.delete(keys[i]);
  }
}

async function pageFirstFromNetwork(request) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (response.ok && keepPage(url)) {
      const cache = await caches.open(PAGE_CACHE);
      await cache.put(request, response.clone());
      trimPages();
    }
    return response;
  } catch (err) {
    const cached = (await caches.match(request)) ||
      (await caches.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    const offline = await caches.match("/offline");
    return offline || new Response("You are offline.", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}

async function staticFromCache(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(STATIC_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFromCache(request));
    return;
  }
  if (request.mode === "navigate" || (request.headers.get("accept") || "").includes("text/html")) {
    event.respondWith(pageFirstFromNetwork(request));
  }
});
