TITLE kca.mod: a calcium-activated potassium current

COMMENT
A K current whose gate w relaxes to the fraction of a calcium site that is
bound, cai/(cai + kd), with time constant tauw:
  w' = (cai/(cai + kd) - w)/tauw,  ik = gkbar w (v - ek).
Written for einetc's test corpus.
ENDCOMMENT

NEURON {
    SUFFIX kca
    USEION k READ ek WRITE ik
    USEION ca READ cai
    RANGE gkbar, kd, tauw
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mM) = (milli/liter)
}

PARAMETER {
    gkbar = 3e-4 (mho/cm2)
    kd = 5e-3 (mM)
    tauw = 10 (ms)
}

STATE { w }

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    cai (mM)
}

INITIAL {
    w = cai/(cai + kd)
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gkbar*w*(v - ek)
}

DERIVATIVE states {
    w' = (cai/(cai + kd) - w)/tauw
}
