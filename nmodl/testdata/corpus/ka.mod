TITLE ka.mod: transient potassium current (A current)

COMMENT
Connor & Stevens (1977) A current in the form of Dayan & Abbott (2001),
Theoretical Neuroscience, eq. 6.2 (a^3 b gating), fitted at 18 degC.
Written for einetc's test corpus from those equations.
ENDCOMMENT

NEURON {
    SUFFIX ka
    USEION k READ ek WRITE ik
    RANGE gkabar
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}

PARAMETER {
    gkabar = 0.0477 (S/cm2) <0,1e9>
}

STATE { a b }

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    ainf binf
    atau (ms) btau (ms)
}

BREAKPOINT {
    SOLVE states METHOD derivimplicit
    ik = gkabar*a^3*b*(v - ek)
}

INITIAL {
    rates(v)
    a = ainf
    b = binf
}

DERIVATIVE states {
    rates(v)
    a' = (ainf - a)/atau
    b' = (binf - b)/btau
}

UNITSOFF
PROCEDURE rates(v (mV)) {
    ainf = pow(0.0761*exp((v + 94.22)/31.84)/(1 + exp((v + 1.17)/28.93)), 1/3)
    atau = 0.3632 + 1.158/(1 + exp((v + 55.96)/20.12))
    binf = pow(1/(1 + exp((v + 53.3)/14.54)), 4)
    btau = 1.24 + 2.678/(1 + exp((v + 50)/16.027))
}
UNITSON
