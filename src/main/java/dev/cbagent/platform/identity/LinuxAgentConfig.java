package dev.cbagent.platform.identity;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Linux agent's identity in {@code /etc/Acronis/BackupAndRecovery.config}, the product's registry export:
 * {@code <registry><key name="Settings"><key name="MachineManager"><value name="InstanceID">"..."</value>}.
 * Names compare ignoring case; values may be quoted, braced and spread over lines.
 */
public final class LinuxAgentConfig implements IdentityStore {
    static final List<String> KEY_PATH = List.of("Settings", "MachineManager");
    static final String INSTANCE_ID = "InstanceID";
    static final String AGENT_ID = "MMSCurrentMachineID";
    static final String SERVER = "ServerAddress";
    /** A real configuration is a few hundred kilobytes at most. */
    private static final long MAX_BYTES = 16L << 20;

    private final Path file;

    /** @param root {@code /} on a real machine; {@code CBAGENT_AGENT_ROOT} in tests and image builds */
    public LinuxAgentConfig(Path root) {
        this.file = root.resolve("etc").resolve("Acronis").resolve("BackupAndRecovery.config");
    }

    public Path file() {
        return file;
    }

    @Override
    public LocalAgent read() {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.notExists(file)) {
                return LocalAgent.notInstalled(source);
            }
            if (!Files.exists(file)) {
                return LocalAgent.unreadable(source, "permission denied on its folder (run as root)");
            }
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return LocalAgent.unreadable(source, "it is not a regular file of at most 16 MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return LocalAgent.notInstalled(source);
        } catch (AccessDeniedException e) {
            return LocalAgent.unreadable(source, "permission denied (run as root)");
        } catch (IOException e) {
            return LocalAgent.unreadable(source, e.getMessage());
        }
        Element manager;
        try {
            manager = machineManager(parse(bytes));
        } catch (SAXException | IOException e) {
            return LocalAgent.unreadable(source, "it is not the agent's XML configuration");
        }
        String instance = manager == null ? null : AgentIdentity.clean(value(manager, INSTANCE_ID));
        String agent = manager == null ? null : AgentIdentity.clean(value(manager, AGENT_ID));
        String server = manager == null ? null : AgentIdentity.clean(value(manager, SERVER));
        if (instance == null) {
            return new LocalAgent(LocalAgent.State.NO_IDENTITY, null, source, server, null);
        }
        return new LocalAgent(LocalAgent.State.IDENTIFIED, new AgentIdentity(instance, agent), source, server, null);
    }

    /**
     * Empties both values ({@code ""}, as the product's own image-preparation advice does), leaving the rest of the
     * file byte for byte; written to a temporary file beside it and moved into place with its permissions.
     */
    @Override
    public void clear() throws IOException {
        // A link is followed: the product's file is changed, not replaced by a copy beside it.
        Path file = this.file.toRealPath();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher key = MANAGER_KEY.matcher(text);
        if (!key.find()) {
            return;
        }
        int end = text.indexOf("</key>", key.end());
        end = end < 0 ? text.length() : end;
        String cleared = text.substring(0, key.end()) + emptied(emptied(text.substring(key.end(), end), INSTANCE_ID),
                AGENT_ID) + text.substring(end);
        if (cleared.equals(text)) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".cbagent-tmp");
        Files.writeString(tmp, cleared, StandardCharsets.UTF_8);
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
        } else {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The opening tag of the MachineManager key (its values come before the next closing key tag). */
    private static final Pattern MANAGER_KEY = Pattern.compile("<key\\s[^>]*name\\s*=\\s*\"MachineManager\"[^>]*>",
            Pattern.CASE_INSENSITIVE);

    private static String emptied(String text, String name) {
        Pattern value = Pattern.compile("(<value\\s[^>]*name\\s*=\\s*\"" + Pattern.quote(name) + "\"[^>]*>)(.*?)(</value>)",
                Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        Matcher m = value.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\"\"" + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Document parse(byte[] bytes) throws SAXException, IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
    }

    /** The {@code Settings/MachineManager} key, searched below the root at any depth; null when absent. */
    private static Element machineManager(Document doc) {
        List<Element> level = List.of(doc.getDocumentElement());
        for (String name : KEY_PATH) {
            List<Element> next = new ArrayList<>();
            for (Element parent : level) {
                next.addAll(childrenNamed(parent, "key", name));
            }
            if (next.isEmpty()) {
                return null;
            }
            level = next;
        }
        return level.get(0);
    }

    private static String value(Element key, String name) {
        List<Element> values = childrenNamed(key, "value", name);
        return values.isEmpty() ? null : values.get(0).getTextContent();
    }

    private static List<Element> childrenNamed(Element parent, String tag, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().toLowerCase(Locale.ROOT).equals(tag)
                    && e.getAttribute("name").equalsIgnoreCase(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
