// The _ccsim functions over ccsim's tools: sweep, staff and fit
// (module_tools.cc); the front is ccsim/__init__.py.
#ifndef CCSIM_TOOLS_PYTHON_MODULE_TOOLS_H_
#define CCSIM_TOOLS_PYTHON_MODULE_TOOLS_H_

#include <pybind11/pybind11.h>

namespace ccsim::python {

// Adds sweep, staff and fit to the extension module.
void DefineTools(pybind11::module_& module);

}  // namespace ccsim::python

#endif  // CCSIM_TOOLS_PYTHON_MODULE_TOOLS_H_
