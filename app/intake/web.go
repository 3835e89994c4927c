package intake

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"commonplace/storage/importer"
)

// Bounds on fetching a web page by its address: a page that does not
// answer in fetchTimeout, redirects more than maxRedirects times or is
// larger than maxPageBytes is refused, so an import never hangs or fills
// memory on a hostile or broken site.
const (
	fetchTimeout = 30 * time.Second
	maxRedirects = 5
	maxPageBytes = 16 << 20
)

// IsURL reports whether s is a web address (http or https, with a host)
// rather than a path: what an import fetches instead of reading a file.
func IsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// webClient fetches pages: limited redirects, each to http or https only.
// (FetchPage's context bounds the whole fetch, body included.)
var webClient = &http.Client{
	CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("it redirects more than %d times", maxRedirects)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("it redirects to a %s: address, not a web page", req.URL.Scheme)
		}
		return nil
	},
}

// FetchPage fetches the page at address and reads it as the article
// importer reads a file of its type (an HTML page, a text, a PDF): the
// document keeps the page's address (the one the page gives as canonical,
// else the one fetched) and the day it was read (Accessed), for citing it.
func FetchPage(ctx context.Context, address string) (importer.Document, error) {
	if !IsURL(address) {
		return importer.Document{}, fmt.Errorf("%s is not a web address (http:// or https://)", address)
	}
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return importer.Document{}, fmt.Errorf("%s: %w", address, err)
	}
	req.Header.Set("User-Agent", "Commonplace (a research notebook)")
	req.Header.Set("Accept", "text/html, application/xhtml+xml, text/plain;q=0.9, text/markdown;q=0.9, */*;q=0.1")
	resp, err := webClient.Do(req)
	if err != nil {
		return importer.Document{}, fetchError(address, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return importer.Document{}, fmt.Errorf("cannot import %s: the site answered %s", address, resp.Status)
	}
	ext, err := pageExtension(resp.Header.Get("Content-Type"))
	if err != nil {
		return importer.Document{}, fmt.Errorf("cannot import %s: %w", address, err)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPageBytes+1))
	if err != nil {
		return importer.Document{}, fetchError(address, err)
	}
	if len(body) > maxPageBytes {
		return importer.Document{}, fmt.Errorf("cannot import %s: the page is larger than %d MB", address, maxPageBytes>>20)
	}
	final := resp.Request.URL
	doc, err := importer.Bytes(pageName(final)+ext, body)
	if err != nil {
		return importer.Document{}, err
	}
	if doc.URL == "" {
		doc.URL = final.String()
	}
	doc.Accessed = time.Now().Format("2006-01-02")
	return doc, nil
}

// pageExtension is the file extension under which the importer reads a
// page of this content type.
func pageExtension(contentType string) (string, error) {
	mt, _, err := mime.ParseMediaType(contentType)
	if contentType == "" || err != nil {
		return ".html", nil // most servers that say nothing serve HTML; the importer sniffs anyway
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return ".html", nil
	case "text/plain":
		return ".txt", nil
	case "text/markdown", "text/x-markdown":
		return ".md", nil
	case "application/pdf":
		return ".pdf", nil // a report linked from a page; an encrypted one is refused (ErrPassword)
	}
	return "", fmt.Errorf("it is a %s file, not a web page or a text", mt)
}

// pageName names a page in messages: the last part of its path, or its
// host.
func pageName(u *url.URL) string {
	if base := path.Base(strings.TrimSuffix(u.Path, "/")); base != "." && base != "/" && base != "" {
		return strings.TrimSuffix(base, path.Ext(base))
	}
	return u.Hostname()
}

// fetchError puts a failed fetch in words: offline, no such site, too
// slow, or what the network said.
func fetchError(address string, err error) error {
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Errorf("cannot import %s: the site did not answer within %d seconds", address, int(fetchTimeout.Seconds()))
	case errors.As(err, &dns) && dns.IsNotFound:
		return fmt.Errorf("cannot import %s: no site is known by the name %s (is the address right, and is this computer online?)", address, dns.Name)
	case errors.As(err, &dns), errors.As(err, &op):
		return fmt.Errorf("cannot import %s: the site cannot be reached; this computer may be offline (%v)", address, err)
	}
	var redirect *url.Error
	if errors.As(err, &redirect) && redirect.Err != nil {
		return fmt.Errorf("cannot import %s: %v", address, redirect.Err)
	}
	return fmt.Errorf("cannot import %s: %v", address, err)
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}
