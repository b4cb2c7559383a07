TITLE cad.mod: calcium in a thin shell under the membrane, with first-order removal

COMMENT
Destexhe, Babloyantz & Sejnowski (1993, Biophys J 65:1538): the calcium that
the Ca current brings in fills a shell of the given depth under the membrane,
and is removed towards cainf with time constant taur:
  drive = -ica/(2 F depth)   (no outward pumping: drive >= 0)
  cai'  = drive + (cainf - cai)/taur
Written for einetc's test corpus from those equations. ica is NEURON's
outward-positive total Ca current; the factor 1e4 turns mA/cm2 / (C/mol um)
into mM/ms.
ENDCOMMENT

NEURON {
    SUFFIX cad
    USEION ca READ ica, cai WRITE cai
    RANGE depth, taur, cainf
}

UNITS {
    (molar) = (1/liter)
    (mM) = (millimolar)
    (um) = (micron)
    (mA) = (milliamp)
    FARADAY = (faraday) (coulomb)
}

PARAMETER {
    depth = 1 (um)
    taur = 200 (ms)
    cainf = 5e-5 (mM)
}

STATE { cai (mM) }

ASSIGNED {
    ica (mA/cm2)
    drive (mM/ms)
}

INITIAL {
    cai = cainf
}

BREAKPOINT {
    SOLVE state METHOD cnexp
}

DERIVATIVE state {
    drive = -(10000)*ica/(2*FARADAY*depth)
    if (drive < 0) {
        drive = 0
    }
    cai' = drive + (cainf - cai)/taur
}
