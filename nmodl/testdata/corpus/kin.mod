TITLE kin.mod: a potassium channel as a first-order kinetic scheme

COMMENT
Two states, closed C and open O, with the Traub-Miles n rates as the
opening and closing rates: C <-> O (an, bn). The reactions are first order,
so einetc translates them to ODEs exactly: C' = -(an C - bn O), O' = an C - bn O.
Written for einetc's test corpus.
ENDCOMMENT

NEURON {
    SUFFIX kin
    USEION k READ ek WRITE ik
    RANGE gbar
}

UNITS { (mA) = (milliamp) (mV) = (millivolt) }

PARAMETER {
    gbar = 0.005 (mho/cm2)
}

STATE { C O }

ASSIGNED {
    v (mV) ek (mV) ik (mA/cm2)
    an (/ms) bn (/ms)
}

BREAKPOINT {
    SOLVE scheme METHOD sparse
    ik = gbar*O*(v - ek)
}

INITIAL {
    rates(v)
    C = bn/(an + bn)
    O = an/(an + bn)
}

KINETIC scheme {
    rates(v)
    ~ C <-> O (an, bn)
    CONSERVE C + O = 1
}

PROCEDURE rates(v (mV)) {
    an = 0.032*(15 - (v + 63))/(exp((15 - (v + 63))/5) - 1)
    bn = 0.5*exp((10 - (v + 63))/40)
}
