package intake

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"commonplace/storage/bundle/merge"
)

const pageHTML = `<!doctype html><html><head><title>Rail at Termez | The Steppe Review</title>
<meta name="author" content="Amina Rahimi"><meta property="og:site_name" content="The Steppe Review">
<meta property="article:published_time" content="2025-03-14"></head>
<body><nav>Home · World · Opinion</nav><article><h1>Rail at Termez</h1>
<p>Lorries queue at the Termez bridge for days while the fees double, and the rail yard on the Uzbek side stands half empty.</p>
<p>Traders say the new line will change nothing until the customs posts agree on one form.</p></article></body></html>`

// testSite serves the pages the tests fetch, never the internet.
func testSite(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/rail", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(pageHTML))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/rail", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/notes.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Field notes from Aktau\n\nThe port was quiet, with two ferries waiting at anchor and no sign of departure.\n"))
	})
	mux.HandleFunc("/map.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n"))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>word </p>", 1000))
		for written := 0; written <= maxPageBytes; written += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchPage(t *testing.T) {
	srv := testSite(t)
	doc, err := FetchPage(context.Background(), srv.URL+"/moved")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Rail at Termez" || len(doc.Authors) != 1 || doc.Authors[0] != "Amina Rahimi" || doc.Published != "2025-03-14" ||
		!strings.Contains(doc.Text, "Lorries queue at the Termez bridge") || strings.Contains(doc.Text, "Opinion") {
		t.Errorf("page read as %+v", doc)
	}
	if doc.URL != srv.URL+"/rail" || doc.Accessed != time.Now().Format("2006-01-02") {
		t.Errorf("address %q read on %q, want the page's address after the redirect, today", doc.URL, doc.Accessed)
	}
	doc, err = FetchPage(context.Background(), srv.URL+"/notes.txt")
	if err != nil || doc.Title != "Field notes from Aktau" || doc.Format != "txt" {
		t.Errorf("a text page: %+v, %v", doc, err)
	}
}

// TestFetchPageRefuses: every way a fetch goes wrong is one sentence
// naming the address and the reason.
func TestFetchPageRefuses(t *testing.T) {
	srv := testSite(t)
	closed := httptest.NewServer(http.NotFoundHandler())
	offline := closed.URL
	closed.Close()
	for _, c := range []struct{ address, want string }{
		{srv.URL + "/gone", "the site answered 404"},
		{srv.URL + "/loop", "redirects more than 5 times"},
		{srv.URL + "/to-file", "redirects to a file: address"},
		{srv.URL + "/map.png", "it is a image/png file, not a web page"},
		{srv.URL + "/huge", "larger than 16 MB"},
		{offline + "/rail", "cannot be reached; this computer may be offline"},
		{"ftp://example.org/x", "is not a web address"},
	} {
		_, err := FetchPage(context.Background(), c.address)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), strings.TrimPrefix(c.address, "http://")) {
			t.Errorf("%s: %v, want %q", c.address, err, c.want)
		}
	}
}

// TestArticlesFromAnAddress: a web address among the paths of an import of
// articles is fetched like a file is read; an address that fails stops
// the import before anything is written.
func TestArticlesFromAnAddress(t *testing.T) {
	srv := testSite(t)
	if k, err := KindOf(srv.URL + "/rail"); err != nil || k != Article {
		t.Fatalf("KindOf an address: %v, %v", k, err)
	}
	a, err := ReadArticles([]string{srv.URL + "/rail"}, []string{"termez"}, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Len() != 1 || a.pieces[0].URL != srv.URL+"/rail" || a.pieces[0].Accessed == "" || a.pieces[0].Tags[0] != "termez" {
		t.Errorf("pieces %+v", a.pieces)
	}
	if _, err := ReadArticles([]string{srv.URL + "/rail", srv.URL + "/gone"}, nil, merge.Options{}); err == nil {
		t.Error("an address that fails did not stop the import")
	}
}
