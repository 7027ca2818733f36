#pragma once

#include "qlat/model.h"
#include "state/live.h"

namespace qlat::admin {

/// A small SAN for screenshots, tests and `qlat-admin --demo`: two ports, one target with two
/// LUNs and a group, three logged-in initiators (one without an ACL).
Config fixtureConfig();
LiveState fixtureLive();

}  // namespace qlat::admin
