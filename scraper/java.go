package scraper

import (
	"regexp"
	"strconv"
	"strings"
)

// javaSample is the Java SDK request example reduced to what places
// parameters: which object each setter is called on, which objects are
// list items, and in which order the statements run.
type javaSample struct {
	// vars maps a declared variable to its kind; undeclared receivers (the
	// demo generator's list5.setX bug) are absent.
	vars map[string]*javaVar
	sets []*javaSet
	// session is true for client.execute(req, sessionKey), false for
	// client.execute(req), nil when the example does not say.
	session *bool
}

type javaVar struct {
	list  bool
	items []string // for lists: the variables added, in order
	decl  int      // the statement that declares it
}

// javaSet is one call recv.setProp(value).
type javaSet struct {
	index int    // statement order (the line within the example)
	line  int    // 1-based line within the example
	recv  string // receiver variable
	prop  string // normalised property: lower case, no underscores
	value string // the argument, verbatim
}

var (
	javaObjDecl  = regexp.MustCompile(`^[\w.<>]+\s+(\w+)\s*=\s*new\s+[\w.]+\s*\(\s*\)\s*;$`)
	javaListDecl = regexp.MustCompile(`^List\s*<[\w.]+>\s+(\w+)\s*=\s*new\s+\w*List\s*<[\w.]*>\s*\(\s*\)\s*;$`)
	javaAdd      = regexp.MustCompile(`^(\w+)\.add\(\s*(\w+)\s*\)\s*;$`)
	javaSetter   = regexp.MustCompile(`^(\w+)\.set(\w+)\((.*)\)\s*;$`)
	javaExecute  = regexp.MustCompile(`\.execute\(\s*\w+\s*(,\s*\w+\s*)?\)`)
)

func parseJava(src string) *javaSample {
	j := &javaSample{vars: map[string]*javaVar{}}
	for i, text := range strings.Split(src, "\n") {
		s := strings.TrimSpace(text)
		switch {
		case javaListDecl.MatchString(s):
			j.vars[javaListDecl.FindStringSubmatch(s)[1]] = &javaVar{list: true, decl: i}
		case javaObjDecl.MatchString(s):
			j.vars[javaObjDecl.FindStringSubmatch(s)[1]] = &javaVar{decl: i}
		case javaAdd.MatchString(s):
			m := javaAdd.FindStringSubmatch(s)
			if v := j.vars[m[1]]; v != nil && v.list {
				v.items = append(v.items, m[2])
			}
		case javaSetter.MatchString(s):
			m := javaSetter.FindStringSubmatch(s)
			j.sets = append(j.sets, &javaSet{index: i, line: i + 1, recv: m[1], prop: normName(m[2]), value: strings.TrimSpace(m[3])})
		}
		if m := javaExecute.FindStringSubmatch(s); m != nil {
			b := m[1] != ""
			j.session = &b
		}
	}
	return j
}

// normName folds a doc name or a Java property to one spelling:
// good_identity_list and GoodIdentityList both become goodidentitylist
// (and a dotted name, which Java cannot spell, loses its dots).
func normName(s string) string { return strings.ToLower(nameSeparators.Replace(s)) }

var nameSeparators = strings.NewReplacer("_", "", ".", "", "-", "")

// objects returns the object variables a setter argument stands for: the
// variable itself, or the items of a list variable.
func (j *javaSample) objects(arg string) []string {
	v := j.vars[arg]
	if v == nil {
		return nil
	}
	if v.list {
		return v.items
	}
	return []string{arg}
}

// literal returns the value a setter argument writes, for literals only:
// "abc" → abc, 16000L → 16000, true → true; StringUtils.parseDateTime("…")
// and similar wrappers → their quoted string.
func literal(arg string) (string, bool) {
	if strings.HasPrefix(arg, `"`) {
		if s, err := strconv.Unquote(arg); err == nil {
			return s, true
		}
	}
	if i := strings.Index(arg, `("`); i > 0 && strings.HasSuffix(arg, `")`) {
		if s, err := strconv.Unquote(arg[i+1 : len(arg)-1]); err == nil {
			return s, true
		}
	}
	a := strings.TrimRight(arg, "LlDdFf")
	if _, err := strconv.ParseFloat(a, 64); err == nil && a != "" {
		return a, true
	}
	if arg == "true" || arg == "false" {
		return arg, true
	}
	return "", false
}

// values collects every literal per normalised property, of the setters
// keep accepts (all when nil).
func (j *javaSample) values(keep func(*javaSet) bool) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, s := range j.sets {
		if keep != nil && !keep(s) {
			continue
		}
		if v, ok := literal(s.value); ok {
			if out[s.prop] == nil {
				out[s.prop] = map[string]bool{}
			}
			out[s.prop][v] = true
		}
	}
	return out
}
