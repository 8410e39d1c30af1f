// The entry side of a fitted scenario: opening hours and the IVR as the
// call export shows them (see docs/calibration.md#the-ivr).
#ifndef CCSIM_SIM_FIT_FIT_ENTRY_H_
#define CCSIM_SIM_FIT_FIT_ENTRY_H_

#include <string>
#include <vector>

#include "ccsim/fit.h"
#include "sim/fit/call_data.h"

namespace ccsim::fit {

// `opening_hours: {...}` for the calendar map, or "" when the export has
// no closed calls (open all day).
std::string OpeningHoursYaml(const CallData& d, Time interval,
                             std::vector<std::string>* notes);

// The `ivr:` section (with its trailing newline), or "" when the export
// shows no IVR. `names` are the scenario names of d.types. Fills the IVR
// shares of `types`.
std::string IvrYaml(const CallData& d, const std::vector<std::string>& names,
                    std::vector<FittedCallType>* types,
                    std::vector<std::string>* notes);

}  // namespace ccsim::fit

#endif  // CCSIM_SIM_FIT_FIT_ENTRY_H_
