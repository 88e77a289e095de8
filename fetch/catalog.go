package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// catalogueDocID is the docId the site's own front end sends when it
// loads the API catalogue.
const catalogueDocID = "285"

// Entry is one API document of the catalogue.
type Entry struct {
	DocID  string // the item's id, which getDocument.json takes as docId
	Method string // empty when the run was given a bare docId
}

func (e Entry) label() string {
	if e.Method != "" {
		return e.Method
	}
	return "docId " + e.DocID
}

// Catalogue is the list of API documents, sorted by method.
type Catalogue struct {
	Entries []Entry
	// Skipped describes items that look like APIs but cannot be
	// fetched (no numeric id, or a name that is no method). One odd item
	// must not block a walk of thousands.
	Skipped []string
}

// Lookup finds a method.
func (c *Catalogue) Lookup(method string) (Entry, error) {
	i := sort.Search(len(c.Entries), func(i int) bool { return c.Entries[i].Method >= method })
	if i < len(c.Entries) && c.Entries[i].Method == method {
		return c.Entries[i], nil
	}
	return Entry{}, fmt.Errorf("fetch: method %s is not in the catalogue (%d APIs); pass its docId instead", method, len(c.Entries))
}

// Catalogue fetches getApiCatelogConfig.json.
func (f *Fetcher) Catalogue(ctx context.Context) (*Catalogue, error) {
	q := url.Values{}
	for _, k := range []string{"scopeId", "treeId", "tag"} {
		q.Set(k, "")
	}
	q.Set("docId", catalogueDocID)
	q.Set("docType", "2")
	q.Set("_tb_token_", f.token)
	u := f.cfg.Base + "/handler/document/getApiCatelogConfig.json?" + q.Encode()
	_, data, err := f.getJSON(ctx, u, f.cfg.Base+"/docCenter")
	if err != nil {
		return nil, fmt.Errorf("fetch: catalogue: %w", err)
	}
	cat, err := ParseCatalogue(data)
	if err != nil {
		return nil, fmt.Errorf("fetch: catalogue: GET %s: %w", u, err)
	}
	return cat, nil
}

// catalogueData is the data object of the catalogue reply. Only the keys
// the fetcher needs are read.
type catalogueData struct {
	TreeCategories []struct {
		CatelogTrees []struct {
			CatelogList []catalogueItem `json:"catelogList"`
		} `json:"catelogTrees"`
	} `json:"treeCategories"`
}

type catalogueItem struct {
	ID       flexID          `json:"id"`
	DocID    flexID          `json:"docId"`
	Name     string          `json:"name"`
	Children []catalogueItem `json:"children"`
}

// flexID is an id the site may send as a number or a string.
type flexID string

func (f *flexID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*f = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("id %s is neither a number nor a string", b)
	}
	*f = flexID(n.String())
	return nil
}

// ParseCatalogue reads the data object (or the whole envelope) of
// getApiCatelogConfig.json. It walks every tree and every nesting level.
// Items whose name is not a method (a category) are not entries, but
// their children are walked. Following the public scrapers, the item's
// id (not its docId) is what getDocument.json takes.
func ParseCatalogue(data []byte) (*Catalogue, error) {
	var probe struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("catalogue is not a JSON object: %v", err)
	}
	if len(probe.Data) > 0 {
		data = probe.Data
	}
	var cd catalogueData
	if err := json.Unmarshal(data, &cd); err != nil {
		return nil, fmt.Errorf("catalogue: %v (want treeCategories[].catelogTrees[].catelogList[] of {id, name, children})", err)
	}
	byMethod := map[string]Entry{}
	var errs []string
	var walk func(items []catalogueItem, path string)
	walk = func(items []catalogueItem, path string) {
		for i, it := range items {
			p := fmt.Sprintf("%s[%d]", path, i)
			name := strings.TrimSpace(it.Name)
			if strings.Contains(name, ".") {
				id := string(it.ID)
				if id == "" {
					id = string(it.DocID)
				}
				switch {
				case !isDocID(id):
					errs = append(errs, fmt.Sprintf("catalogue item %s (%s): id %q is not numeric", p, name, id))
				case !validMethod(name):
					errs = append(errs, fmt.Sprintf("catalogue item %s: name %q is not a method name", p, name))
				default:
					if prev, ok := byMethod[name]; !ok || lessDocID(id, prev.DocID) {
						byMethod[name] = Entry{DocID: id, Method: name} // a method listed twice: the lower id, for determinism
					}
				}
			}
			walk(it.Children, p+".children")
		}
	}
	for i, tc := range cd.TreeCategories {
		for j, tr := range tc.CatelogTrees {
			walk(tr.CatelogList, fmt.Sprintf("treeCategories[%d].catelogTrees[%d].catelogList", i, j))
		}
	}
	if len(byMethod) == 0 {
		return nil, fmt.Errorf("catalogue lists no API (no item under treeCategories[].catelogTrees[].catelogList[] has a method name)")
	}
	cat := &Catalogue{Skipped: errs}
	for _, e := range byMethod {
		cat.Entries = append(cat.Entries, e)
	}
	sort.Slice(cat.Entries, func(i, j int) bool { return cat.Entries[i].Method < cat.Entries[j].Method })
	return cat, nil
}
