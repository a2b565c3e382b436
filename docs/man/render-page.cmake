# Renders one scdoc page: cmake -DSCDOC=... -DGIT=... -DSOURCE_DIR=... -DINPUT=x.1.scd
# -DOUTPUT=x.1 -P render-page.cmake. scdoc dates a page with SOURCE_DATE_EPOCH, else today; the
# date used here is SOURCE_DATE_EPOCH when the build sets it, else the last commit of the page's
# source, else the source's modification time. The page is written whole or not at all.
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  set(epoch "$ENV{SOURCE_DATE_EPOCH}")
else()
  set(epoch "")
  if(GIT)
    execute_process(COMMAND ${GIT} log -1 --format=%ct -- ${INPUT}
                    WORKING_DIRECTORY ${SOURCE_DIR}
                    OUTPUT_VARIABLE epoch OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE result ERROR_QUIET)
    if(NOT result EQUAL 0)
      set(epoch "")
    endif()
  endif()
  if(epoch STREQUAL "")
    file(TIMESTAMP ${INPUT} epoch "%s" UTC)
  endif()
  set(ENV{SOURCE_DATE_EPOCH} "${epoch}")
endif()

get_filename_component(dir ${OUTPUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
execute_process(COMMAND ${SCDOC} INPUT_FILE ${INPUT} OUTPUT_FILE ${OUTPUT}.tmp
                RESULT_VARIABLE result ERROR_VARIABLE error)
if(NOT result EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "scdoc ${INPUT}: ${error}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
