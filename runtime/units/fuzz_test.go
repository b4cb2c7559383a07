package units

import "testing"

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"mS/cm2", "uF/cm2", "um2", "/ms", "1/ms", "mV", "nS", "mM", "mol/L",
		"cm^2", "cm^-2", "m^2", "1", "Hz", "kHz", "ohm", "Mohm", "degC",
		"µm2", "μS", "mA/cm2", "cm**2", "mV.ms", "mm/m", "cm-2", "MΩ", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := Parse(s)
		if err != nil {
			return
		}
		str := u.String()
		if str == "" {
			t.Fatalf("Parse(%q).String() is empty", s)
		}
		v, err := Parse(str)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", s, str, err)
		}
		if v.Dim != u.Dim || v.Scale.Cmp(u.Scale) != 0 {
			t.Fatalf("Parse(%q) = %v×%s but Parse(%q) = %v×%s", s, u.Dim, u.Scale, str, v.Dim, v.Scale)
		}
		if v.String() != str {
			t.Fatalf("String not idempotent: %q -> %q -> %q", s, str, v.String())
		}
		_ = u.Describe()
	})
}
