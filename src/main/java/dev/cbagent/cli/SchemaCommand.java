package dev.cbagent.cli;

import dev.cbagent.profile.schema.JsonSchemaWriter;
import dev.cbagent.profile.schema.ProfileSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of profiles, for editors.", "",
                "Save it, then name it in the first line of a profile:", "",
                "  cbagent schema > cbagent-profile.schema.json",
                "  # yaml-language-server: $schema=./cbagent-profile.schema.json", ""})
final class SchemaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(Json.write(JsonSchemaWriter.schema(ProfileSchema.root())));
        spec.commandLine().getOut().flush();
    }
}
