package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.ExitCode;
import dev.cbagent.profile.schema.JsonSchemaWriter;
import dev.cbagent.profile.schema.ProfileSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of profiles, for editors:",
                "  cbagent schema > cbagent-profile.schema.json",
                "  # yaml-language-server: $schema=./cbagent-profile.schema.json",
                "With --output json, the schema is the envelope's \"schema\" field.", ""})
final class SchemaCommand implements Runnable, HasOutput {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    @Override
    public void run() {
        java.util.Map<String, Object> schema = JsonSchemaWriter.schema(ProfileSchema.root());
        if (output.json()) {
            ObjectNode doc = Envelope.of("schema", "ok", false, ExitCode.OK, (String) null);
            doc.set("schema", Json.mapper().valueToTree(schema));
            spec.commandLine().getOut().println(Json.write(doc));
        } else {
            spec.commandLine().getOut().println(Json.write(schema));
        }
        spec.commandLine().getOut().flush();
    }
}
