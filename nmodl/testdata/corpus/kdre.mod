TITLE kdre.mod: the Traub & Miles (1991) delayed rectifier of tmkdr.mod, integrated by METHOD euler

COMMENT
R. D. Traub and R. Miles, Neuronal Networks of the Hippocampus (1991), with
Brian2's COBAHH voltage shift, as tmkdr.mod, but with NEURON's explicit
Euler update of the gate (METHOD euler). Written for einetc's test corpus.
ENDCOMMENT

NEURON {
    SUFFIX kdre
    USEION k READ ek WRITE ik
    RANGE gkbar, vtraub
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    gkbar = 0.03 (mho/cm2)
    vtraub = -63 (mV)
}

STATE { n }

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    an (/ms) bn (/ms)
}

BREAKPOINT {
    SOLVE states METHOD euler
    ik = gkbar*n^4*(v - ek)
}

DERIVATIVE states {
    rates(v)
    n' = an*(1 - n) - bn*n
}

INITIAL {
    rates(v)
    n = an/(an + bn)
}

PROCEDURE rates(v (mV)) {
    LOCAL u
    u = v - vtraub
    an = 0.032*vtrap(15 - u, 5)
    bn = 0.5*exp((10 - u)/40)
}

FUNCTION vtrap(x, y) {
    if (fabs(x/y) < 1e-6) {
        vtrap = y*(1 - x/y/2)
    } else {
        vtrap = x/(exp(x/y) - 1)
    }
}
