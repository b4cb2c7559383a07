TITLE cahva.mod: a high-threshold calcium current

COMMENT
A non-inactivating high-threshold Ca current with two activation gates,
  m_inf = 1/(1 + exp(-(v + 20)/9)),  tau_m = 1 ms,
  ica = gcabar m^2 (v - eca),
with eca from the Nernst equation when a mechanism writes cai (NEURON's
default ion style). Written for einetc's test corpus.
ENDCOMMENT

NEURON {
    SUFFIX cahva
    USEION ca READ eca WRITE ica
    RANGE gcabar
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    gcabar = 1e-4 (mho/cm2)
}

STATE { m }

ASSIGNED {
    v (mV)
    eca (mV)
    ica (mA/cm2)
    minf
}

INITIAL {
    rates(v)
    m = minf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ica = gcabar*m*m*(v - eca)
}

DERIVATIVE states {
    rates(v)
    m' = (minf - m)/(1 (ms))
}

PROCEDURE rates(v (mV)) {
    UNITSOFF
    minf = 1/(1 + exp(-(v + 20)/9))
    UNITSON
}
