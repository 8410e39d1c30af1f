# The install test (CTest: Install.ExternalProgram, label "install"):
#  1. cmake --install BUILD_DIR --prefix WORK_DIR/prefix (a fresh prefix);
#  2. builds tests/install/app against it with CMake (find_package(ccsim))
#     and with pkg-config (ccsim.pc), and runs both programs: each must
#     print the answer rate of the bundled erlang-a scenario;
#  3. imports the installed Python package, when there is one.
# Run as: cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DCXX=...
#   -DGENERATOR=... -DLIBDIR=lib [-DEXTRA_FLAGS=...] [-DPYTHON_DIR=...
#   -DPYTHON=...] -P run_install_test.cmake
cmake_minimum_required(VERSION 3.25)

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${what} failed (${code}):\n${ARGN}\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

function(expect_answer_rate what text)
  if(NOT text MATCHES "^ccsim [0-9.]+: erlang-a-demo answer rate 0\\.[0-9]+ over 2 replications\n$")
    message(FATAL_ERROR "${what} printed:\n${text}")
  endif()
  message(STATUS "${what}: ${text}")
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(f bin/ccsim include/ccsim/run.h ${LIBDIR}/libccsim.a
          ${LIBDIR}/cmake/ccsim/ccsimConfig.cmake
          ${LIBDIR}/pkgconfig/ccsim.pc share/ccsim/scenarios/erlang-a.yaml)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
run("installed ccsim --version" ${prefix}/bin/ccsim --version)

# With CMake: find_package(ccsim) from the prefix alone.
run("configure with find_package"
    ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/app -B ${WORK_DIR}/app
    -G ${GENERATOR} -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_CXX_COMPILER=${CXX} "-DCMAKE_CXX_FLAGS=${EXTRA_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${EXTRA_FLAGS}")
run("build with find_package" ${CMAKE_COMMAND} --build ${WORK_DIR}/app)
run("the find_package program" ${WORK_DIR}/app/answer_rate)
expect_answer_rate("find_package" "${output}")

# With pkg-config: c++ main.cc $(pkg-config --cflags --libs ccsim).
find_program(PKG_CONFIG NAMES pkg-config pkgconf REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
run("pkg-config" ${PKG_CONFIG} --cflags --libs ccsim)
string(STRIP "${output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
separate_arguments(extra UNIX_COMMAND "${EXTRA_FLAGS}")
run("build with pkg-config" ${CXX} -std=c++20 -O1 ${extra}
    ${SOURCE_DIR}/tests/install/app/main.cc ${flags}
    -o ${WORK_DIR}/answer_rate_pc)
run("the pkg-config program" ${WORK_DIR}/answer_rate_pc
    ${prefix}/share/ccsim/scenarios/erlang-a.yaml)
expect_answer_rate("pkg-config" "${output}")

# The Python package, from the prefix's site folder.
if(PYTHON_DIR AND PYTHON)
  set(ENV{PYTHONPATH} ${prefix}/${PYTHON_DIR})
  # (Lines, not semicolons, in the code: run() passes its arguments on as
  # a CMake list, which semicolons split.)
  run("import the installed ccsim" ${PYTHON} -c
      "import ccsim\nr = ccsim.run('${prefix}/share/ccsim/scenarios/erlang-a.yaml', replications=2)\nprint(ccsim.__file__, r['totals']['answer_rate']['mean'])")
  if(NOT output MATCHES "^${prefix}/${PYTHON_DIR}/ccsim/__init__.py 0\\.[0-9]+")
    message(FATAL_ERROR "the installed Python package printed:\n${output}")
  endif()
  message(STATUS "python: ${output}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
