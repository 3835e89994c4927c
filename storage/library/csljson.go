package library

import (
	"strconv"

	"commonplace/storage/csl"
)

// ParseCSL reads a CSL-JSON array (Zotero's "CSL JSON" export, or a
// bundle's references.json) through package csl, the format's one reader.
func ParseCSL(data []byte) ([]Entry, error) {
	if len(data) > MaxFileBytes {
		return nil, errorAt(1, "the file is larger than %d MB", MaxFileBytes>>20)
	}
	items, err := csl.Read(data)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(items))
	for i, it := range items {
		e := Entry{Key: it.ID, Line: i + 1, Title: it.Title, Outlet: it.ContainerTitle, DOI: it.DOI, URL: it.URL,
			Tags: splitTags(it.Keyword), Abstract: it.Abstract, Published: it.Issued.Published()}
		if e.Key == "" {
			e.Key = "reference " + strconv.Itoa(i+1)
		}
		if e.Outlet == "" {
			e.Outlet = it.Publisher
		}
		for _, a := range it.Author {
			if s := a.String(); s != "" {
				e.Authors = append(e.Authors, s)
			}
		}
		out = append(out, e)
	}
	return out, nil
}
