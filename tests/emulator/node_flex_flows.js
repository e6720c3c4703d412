// Twilio's Node SDK against the emulator: runs each step named on the command line, one after another,
// and prints one JSON line per step ({step, count} / {step, sid} or {step, error}); exits 0 either way.
// The Flex domain's baseUrl replaces https://flex-api.twilio.com; the keepAlive switch reaches the SDK's
// RequestClient, which then sends `Connection: close` on every request.
"use strict";

const twilio = require(process.env.TWILIO_MODULE);

const env = process.env;
const client = twilio(env.FLEX_ACCOUNT_SID, env.FLEX_AUTH_TOKEN, { keepAlive: env.FLEX_KEEP_ALIVE === "true" });
client.flexApi.baseUrl = env.FLEX_BASE_URL;

const steps = {
  list: async () => ({ count: (await client.flexApi.v1.flexFlow.list()).length }),
  create: async () => {
    const flow = await client.flexApi.v1.flexFlow.create({
      friendlyName: "From Node",
      chatServiceSid: "IS" + "a".repeat(32),
      channelType: "web",
      integrationType: "studio",
      "integration.flowSid": "FW" + "b".repeat(32),
    });
    return { sid: flow.sid };
  },
};

(async () => {
  for (const step of process.argv.slice(2)) {
    let result;
    try {
      result = await steps[step]();
    } catch (error) {
      result = { error: String((error && error.message) || error) };
    }
    console.log(JSON.stringify({ step, ...result }));
  }
})();
