TITLE tmna.mod: Traub & Miles (1991) sodium current

COMMENT
R. D. Traub and R. Miles, Neuronal Networks of the Hippocampus (1991), with
the voltage shift vtraub of Brian2's COBAHH example. Written for einetc's test
corpus from the published rate equations; no rate has a 0/0 point left
unguarded: the linoid rates go through vtrap.
ENDCOMMENT

NEURON {
    SUFFIX tmna
    USEION na READ ena WRITE ina
    RANGE gnabar, vtraub
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mS) = (millisiemens)
}

PARAMETER {
    gnabar = 100 (mS/cm2)
    vtraub = -63 (mV)
}

STATE { m h }

ASSIGNED {
    v (mV)
    ena (mV)
    ina (mA/cm2)
    am (/ms) bm (/ms) ah (/ms) bh (/ms)
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ina = (0.001)*gnabar*m*m*m*h*(v - ena)   : mS/cm2 to S/cm2
}

DERIVATIVE states {
    rates(v)
    m' = am*(1 - m) - bm*m
    h' = ah*(1 - h) - bh*h
}

INITIAL {
    rates(v)
    m = am/(am + bm)
    h = ah/(ah + bh)
}

PROCEDURE rates(v (mV)) {
    LOCAL u
    u = v - vtraub
    am = 0.32*vtrap(13 - u, 4)
    bm = 0.28*vtrap(u - 40, 5)
    ah = 0.128*exp((17 - u)/18)
    bh = 4/(1 + exp(-(u - 40)/5))
}

FUNCTION vtrap(x, y) {
    : x/(exp(x/y) - 1), the linoid rate; its limit at x = 0 is y
    if (fabs(x/y) < 1e-6) {
        vtrap = y*(1 - x/y/2)
    } else {
        vtrap = x/(exp(x/y) - 1)
    }
}
