package units

import (
	"strconv"
	"strings"
)

// Dim is a physical dimension: the exponents of the base dimensions time,
// voltage, current, length, temperature and amount, in that order.
// The zero Dim is dimensionless. Arithmetic on exponents is plain int8
// arithmetic; callers must keep exponents small (Parse rejects results
// outside the int8 range).
type Dim [6]int8

// Base dimension indices into a Dim.
const (
	iTime = iota
	iVoltage
	iCurrent
	iLength
	iTemperature
	iAmount
)

// Base and common derived dimensions.
var (
	// Time is the dimension of time (canonical unit ms).
	Time = Dim{iTime: 1}
	// Voltage is the dimension of electric potential (canonical unit mV).
	Voltage = Dim{iVoltage: 1}
	// Current is the dimension of electric current (canonical unit pA).
	Current = Dim{iCurrent: 1}
	// Length is the dimension of length (canonical unit um).
	Length = Dim{iLength: 1}
	// Temperature is the dimension of temperature (canonical unit degC).
	Temperature = Dim{iTemperature: 1}
	// Amount is the dimension of amount of substance (canonical unit amol).
	Amount = Dim{iAmount: 1}
	// Conductance is current/voltage (canonical unit nS).
	Conductance = Current.Div(Voltage)
	// Capacitance is current*time/voltage (canonical unit pF).
	Capacitance = Conductance.Mul(Time)
	// Charge is current*time (canonical unit fC).
	Charge = Current.Mul(Time)
	// Resistance is voltage/current (canonical unit Gohm).
	Resistance = Voltage.Div(Current)
	// Concentration is amount/length^3 (canonical unit mM).
	Concentration = Amount.Div(Length.Pow(3))
)

// baseNames are the canonical base unit symbols, indexed like Dim.
var baseNames = [6]string{"ms", "mV", "pA", "um", "degC", "amol"}

// Mul returns the dimension of a product of quantities of dimensions d and e.
func (d Dim) Mul(e Dim) Dim {
	for i := range d {
		d[i] += e[i]
	}
	return d
}

// Div returns the dimension of a quotient of quantities of dimensions d and e.
func (d Dim) Div(e Dim) Dim {
	for i := range d {
		d[i] -= e[i]
	}
	return d
}

// Pow returns the dimension of a quantity of dimension d raised to the n-th power.
func (d Dim) Pow(n int) Dim {
	for i := range d {
		d[i] *= int8(n)
	}
	return d
}

// IsDimensionless reports whether all exponents of d are zero.
func (d Dim) IsDimensionless() bool {
	return d == Dim{}
}

// kinds maps dimensions to the names of the physical quantities they describe.
var kinds = map[Dim]string{
	{}:                                   "dimensionless",
	Time:                                 "time",
	Time.Pow(-1):                         "frequency",
	Voltage:                              "voltage",
	Current:                              "current",
	Length:                               "length",
	Length.Pow(2):                        "area",
	Length.Pow(3):                        "volume",
	Temperature:                          "temperature",
	Amount:                               "amount",
	Conductance:                          "conductance",
	Capacitance:                          "capacitance",
	Charge:                               "charge",
	Resistance:                           "resistance",
	Concentration:                        "concentration",
	Conductance.Div(Length.Pow(2)):       "conductance density",
	Current.Div(Length.Pow(2)):           "current density",
	Capacitance.Div(Length.Pow(2)):       "capacitance density",
	Charge.Div(Length.Pow(2)):            "charge density",
	Voltage.Div(Time):                    "voltage rate",
	Concentration.Div(Time):              "concentration rate",
	Current.Div(Length.Pow(2)).Div(Time): "current density rate",
}

// Kind returns the name of the physical quantity of dimension d, such as
// "voltage" or "conductance density", or "" if d has no common name.
func (d Dim) Kind() string {
	return kinds[d]
}

// named lists derived dimensions with a canonical unit name of their own,
// in order of preference.
var named = []struct {
	dim  Dim
	name string
}{
	{Conductance, "nS"},
	{Capacitance, "pF"},
	{Charge, "fC"},
	{Resistance, "Gohm"},
	{Concentration, "mM"},
}

// displayOrder is the order of base units in generic spellings, so that
// e.g. voltage*time is "mV*ms".
var displayOrder = [6]int{iVoltage, iCurrent, iAmount, iTemperature, iTime, iLength}

// String returns the spelling of the canonical (internal) unit of d, such
// as "mV", "nS", "nS/um2", "pA/um2", "mM/ms", "1/ms" or "mV*ms/um2"; "1"
// when d is dimensionless. A named derived unit (nS, pF, fC, Gohm, mM),
// possibly divided by powers of time and length, is used when that is
// shorter than the product of base units. The result is accepted by Parse
// and denotes a unit of dimension d with scale 1.
func (d Dim) String() string {
	if d.IsDimensionless() {
		return "1"
	}
	best, cost := generic(d), d.size()
	for _, n := range named {
		rest := d.Div(n.dim)
		if rest.IsDimensionless() {
			return n.name
		}
		if rest.isPerTimeLength() && 1+rest.size() < cost {
			best, cost = n.name+generic(rest)[1:], 1+rest.size() // drop the leading "1"
		}
	}
	return best
}

// size returns the sum of the magnitudes of d's exponents.
func (d Dim) size() int {
	n := 0
	for _, e := range d {
		n += max(int(e), -int(e))
	}
	return n
}

// isPerTimeLength reports whether d is nonzero and divides only by time
// and length.
func (d Dim) isPerTimeLength() bool {
	rest := d
	rest[iTime], rest[iLength] = 0, 0
	return d[iTime] <= 0 && d[iLength] <= 0 && rest.IsDimensionless() && !d.IsDimensionless()
}

// generic spells d as a product and quotient of canonical base units.
func generic(d Dim) string {
	var num, den []string
	for _, i := range displayOrder {
		switch e := d[i]; {
		case e > 0:
			num = append(num, expTerm(baseNames[i], int(e), i == iLength))
		case e < 0:
			den = append(den, expTerm(baseNames[i], -int(e), i == iLength))
		}
	}
	return joinTerms(num, den)
}

// expTerm renders sym raised to the positive power n, with the exponent as
// trailing digits ("um2") when digits is set and as "^n" otherwise.
func expTerm(sym string, n int, digits bool) string {
	switch {
	case n == 1:
		return sym
	case digits:
		return sym + strconv.Itoa(n)
	default:
		return sym + "^" + strconv.Itoa(n)
	}
}

// joinTerms renders numerator and denominator terms as "a*b/c/d", using
// "1" for an empty numerator.
func joinTerms(num, den []string) string {
	var b strings.Builder
	if len(num) == 0 {
		b.WriteString("1")
	}
	b.WriteString(strings.Join(num, "*"))
	for _, t := range den {
		b.WriteString("/" + t)
	}
	return b.String()
}
