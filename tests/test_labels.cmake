# CTest labels of single GoogleTest tests. CTest includes this file after
# the tests gtest_discover_tests found, so that it can name them.
#
# timing: a test that asserts on wall-clock time, which a sanitizer build
# (several times slower) cannot meet; the "sanitize" test preset leaves
# these out (docs/testing.md). A name that matches no test is ignored:
# rename it here when the test is renamed.
# (None at present: speed claims belong in bench/, not in tests.)
set(CCSIM_TIMING_TESTS
)
foreach(test IN LISTS CCSIM_TIMING_TESTS)
  set_tests_properties(${test} PROPERTIES LABELS timing)
endforeach()
