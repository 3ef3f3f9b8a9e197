# Runs `tradelab --screenshot` and checks the result is a 1400x900 PNG.
# Inputs: TRADELAB (the executable), OUTPUT (the PNG to write).
file(REMOVE "${OUTPUT}")
execute_process(COMMAND "${TRADELAB}" --screenshot "${OUTPUT}" RESULT_VARIABLE status
                OUTPUT_VARIABLE printed ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "tradelab --screenshot failed (${status}): ${errors}")
endif()
if(NOT EXISTS "${OUTPUT}")
  message(FATAL_ERROR "tradelab reported success but ${OUTPUT} does not exist")
endif()
string(STRIP "${printed}" printed)
if(NOT printed STREQUAL OUTPUT)
  message(FATAL_ERROR "tradelab printed '${printed}', expected the screenshot path '${OUTPUT}'")
endif()

# PNG: an 8-byte signature, then the IHDR chunk whose data starts with width and height (big-endian).
file(READ "${OUTPUT}" signature LIMIT 8 HEX)
if(NOT signature STREQUAL "89504e470d0a1a0a")
  message(FATAL_ERROR "${OUTPUT} is not a PNG file")
endif()
file(READ "${OUTPUT}" width_hex OFFSET 16 LIMIT 4 HEX)
file(READ "${OUTPUT}" height_hex OFFSET 20 LIMIT 4 HEX)
math(EXPR width "0x${width_hex}")
math(EXPR height "0x${height_hex}")
if(NOT width EQUAL 1400 OR NOT height EQUAL 900)
  message(FATAL_ERROR "${OUTPUT} is ${width}x${height}, expected 1400x900")
endif()
message(STATUS "${OUTPUT}: ${width}x${height} PNG")
