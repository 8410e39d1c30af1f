# Writes OUTPUT, a header that defines CCSIM_GIT_DESCRIBE as the output of
# `git describe --always --dirty` in SOURCE_DIR ("" when GIT is not set or
# the tree is not a repository), only when its text changes.
#   cmake -DGIT=/usr/bin/git -DSOURCE_DIR=... -DOUTPUT=... -P git_describe.cmake
set(describe "")
if(GIT)
  execute_process(COMMAND ${GIT} describe --always --dirty
                  WORKING_DIRECTORY ${SOURCE_DIR}
                  OUTPUT_VARIABLE out OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE rc ERROR_QUIET)
  if(rc EQUAL 0)
    set(describe "${out}")
  endif()
endif()
set(text "// Generated at build time by tools/git_describe.cmake.\n#define CCSIM_GIT_DESCRIBE \"${describe}\"\n")
set(old "")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
endif()
if(NOT old STREQUAL text)
  file(WRITE ${OUTPUT} "${text}")
endif()
