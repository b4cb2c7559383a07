// Package units implements the physical units of einetc: dimensions,
// exact conversion factors to einetc's internal unit system, the algebra
// used to combine units (multiplication, division, integer powers), and
// readable names for diagnostics.
//
// # Internal unit system
//
// Every quantity is described by a [Dim], the vector of exponents of the
// six base dimensions time, voltage, current, length, temperature and
// amount (in that order). Internally (canonically) each base dimension is
// measured in a fixed unit:
//
//	time         ms    (1e-3 s)
//	voltage      mV    (1e-3 V)
//	current      pA    (1e-12 A)
//	length       um    (1e-6 m)
//	temperature  degC  (scale 1)
//	amount       amol  (1e-18 mol)
//
// The system is coherent: the canonical unit of a derived dimension is the
// product of the canonical base units, with conversion factor 1. Notable
// consequences:
//
//	conductance          pA/mV      = nS
//	capacitance          pA*ms/mV   = pF
//	charge               pA*ms      = fC
//	resistance           mV/pA      = Gohm
//	frequency            1/ms       = kHz
//	concentration        amol/um3   = mM (= mol/m3)
//	conductance density  nS/um2     (1 mS/cm2 = 0.01 nS/um2)
//	capacitance density  pF/um2     (1 uF/cm2 = 0.01 pF/um2)
//	current density      pA/um2     (1 mA/cm2 = 10 pA/um2)
//
// so that, for example, 100 mS/cm2 * 20000 um2 = 20000 nS and
// 1 uF/cm2 * 20000 um2 = 200 pF exactly.
//
// Temperature is a plain scaled dimension whose only unit is degC.
// Offset conversions are not supported; in particular kelvin (K) is not a
// known unit.
//
// A [Unit] is a dimension together with an exact rational scale: the value
// of one such unit expressed in the canonical unit of its dimension. Scales
// are kept as [big.Rat] values so that conversions are exact up to the
// final, correctly rounded, float64 result (see [ConvertLiteral] and
// [Unit.ToCanonical]).
//
// # Unit strings
//
// [Parse] accepts NMODL-style unit strings: terms joined left to right by
// '*', '.' or '/', optionally starting with '/' (meaning 1/...). A term is
// "1" or a unit symbol with an optional integer exponent written as
// trailing digits ("cm2"), "^N" ("cm^-2"), "**N" ("cm**2") or a trailing
// "-N" ("cm-2"). Whitespace is ignored. A symbol is either a base unit
// (s, V, A, S, F, C, J, ohm, Hz, m, L, mol, M, degC) or an SI prefix
// (a f p n u µ μ m c d k M G) followed by a base unit other than degC.
// The whole symbol is tried as a base unit first, so "m" is the metre and
// "M" the molar; "mM" is millimolar, "ms" millisecond, "mS" millisiemens
// and "mm" millimetre. Ω is accepted as a spelling of ohm.
package units
