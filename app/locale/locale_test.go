package locale

import "testing"

func TestRepair(t *testing.T) {
	cases := []struct{ lang, lcAll, wantLang, wantLcAll string }{
		{"C.UTF-8", "", "en_US.UTF-8", ""},
		{"C", "POSIX", "en_US.UTF-8", ""},
		{"", "", "en_US.UTF-8", ""},
		{"fr_FR.UTF-8", "", "fr_FR.UTF-8", ""},
		{"de_DE.UTF-8", "de_DE.UTF-8", "de_DE.UTF-8", "de_DE.UTF-8"},
	}
	for _, c := range cases {
		env := map[string]string{"LANG": c.lang, "LC_ALL": c.lcAll}
		Repair(func(k string) string { return env[k] },
			func(k, v string) error { env[k] = v; return nil },
			func(k string) error { delete(env, k); return nil })
		if env["LANG"] != c.wantLang || env["LC_ALL"] != c.wantLcAll {
			t.Errorf("LANG=%q LC_ALL=%q → %q %q", c.lang, c.lcAll, env["LANG"], env["LC_ALL"])
		}
	}
}
