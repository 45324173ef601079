// Reads a Prometheus text-format scrape on stdin and prints it as JSON (parse-prometheus-text-format, the
// parser of the npm ecosystem): [{name, help, type, metrics: [{labels, value} | {labels, buckets, count, sum}]}].
// A scrape it cannot parse makes it exit with status 1 and the parser's message.
const parse = require('parse-prometheus-text-format');
let text = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { text += chunk; });
process.stdin.on('end', () => {
  // A HELP line without a docstring is valid exposition format (Prometheus reads it), and WildFly writes one for
  // meters registered without a description, but this parser refuses it: leave those lines out, nothing else.
  text = text.split('\n').filter(line => !/^# HELP \S+\s*$/.test(line)).join('\n');
  try {
    process.stdout.write(JSON.stringify(parse(text)));
  } catch (e) {
    process.stderr.write(String(e && e.message || e));
    process.exit(1);
  }
});
