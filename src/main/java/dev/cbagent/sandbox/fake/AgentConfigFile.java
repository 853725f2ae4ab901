package dev.cbagent.sandbox.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The Linux agent's identity file as the fake tools keep it: {@code <root>/etc/Acronis/BackupAndRecovery.config},
 * the product's registry export (DESIGN.md "Agent identity on the machine"):
 * <pre>{@code
 * <registry name="BackupAndRecovery">
 *   <key name="Settings">
 *     <key name="MachineManager">
 *       <value name="InstanceID" type="TString">"5C6A1E2B-..."</value>
 *       <value name="MMSCurrentMachineID" type="TString">"8F3B2C1D-..."</value>
 *     </key>
 *   </key>
 * </registry>
 * }</pre>
 * Reading ignores the case of key and value names and strips the quotes (and braces) around a value. Writing keeps
 * every other key and value of the file, and replaces the file atomically (a temporary file beside it, then a move).
 */
public final class AgentConfigFile {
    /** Where the file is under the agent's root. */
    public static final String RELATIVE_PATH = "etc/Acronis/BackupAndRecovery.config";
    public static final String REGISTRY_NAME = "BackupAndRecovery";
    public static final String SETTINGS_KEY = "Settings";
    public static final String MACHINE_MANAGER_KEY = "MachineManager";
    /** The machine's resource id on the management server. */
    public static final String INSTANCE_ID = "InstanceID";
    /** The agent id: the resource's {@code agent_id}. */
    public static final String AGENT_ID = "MMSCurrentMachineID";

    private final Path file;

    private AgentConfigFile(Path file) {
        this.file = file;
    }

    /** The identity file under an agent root ({@code /} on a real machine). */
    public static AgentConfigFile under(Path root) {
        return new AgentConfigFile(root.resolve(RELATIVE_PATH));
    }

    /** The identity file at exactly this path. */
    public static AgentConfigFile at(Path file) {
        return new AgentConfigFile(file);
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * The two ids as the file holds them.
     *
     * @param instanceId the {@code InstanceID}, or null when absent or empty
     * @param agentId    the {@code MMSCurrentMachineID}, or null when absent or empty
     */
    public record Identity(String instanceId, String agentId) {
        public static final Identity NONE = new Identity(null, null);

        public boolean hasInstanceId() {
            return instanceId != null;
        }
    }

    /** The identity in the file; {@link Identity#NONE} when there is no file. Throws when it cannot be parsed. */
    public Identity read() throws IOException {
        if (!Files.exists(file)) {
            return Identity.NONE;
        }
        Element machineManager = find(parse(), false);
        if (machineManager == null) {
            return Identity.NONE;
        }
        return new Identity(valueOf(machineManager, INSTANCE_ID), valueOf(machineManager, AGENT_ID));
    }

    /**
     * Sets both ids (a null removes that value), creating the file and its keys when needed; every other key and
     * value stays.
     */
    public void write(String instanceId, String agentId) throws IOException {
        Document document = Files.exists(file) ? parse() : newDocument();
        Element machineManager = find(document, true);
        setValue(machineManager, INSTANCE_ID, instanceId);
        setValue(machineManager, AGENT_ID, agentId);
        save(document);
    }

    /** Creates the file with an empty {@code MachineManager} key when there is none (what an install leaves). */
    public void ensureExists() throws IOException {
        if (!Files.exists(file)) {
            Document document = newDocument();
            find(document, true);
            save(document);
        }
    }

    /** Removes both ids, keeping the rest of the file; nothing to do without a file. */
    public void clear() throws IOException {
        if (Files.exists(file)) {
            write(null, null);
        }
    }

    private Document parse() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Document document = builder().parse(in);
            Element root = document.getDocumentElement();
            if (!root.getTagName().equals("registry")) {
                throw new IOException(file + " is not a registry export: its root element is <" + root.getTagName() + ">");
            }
            return document;
        } catch (SAXException e) {
            throw new IOException(file + " is not valid XML: " + e.getMessage(), e);
        }
    }

    private static Document newDocument() throws IOException {
        Document document = builder().newDocument();
        Element registry = document.createElement("registry");
        registry.setAttribute("name", REGISTRY_NAME);
        document.appendChild(registry);
        return document;
    }

    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }

    /** {@code registry/key[Settings]/key[MachineManager]}; created when asked to, else null when missing. */
    private static Element find(Document document, boolean create) {
        Element settings = child(document.getDocumentElement(), "key", SETTINGS_KEY, create);
        return settings == null ? null : child(settings, "key", MACHINE_MANAGER_KEY, create);
    }

    private static Element child(Element parent, String tag, String name, boolean create) {
        for (Element element : children(parent, tag)) {
            if (name.equalsIgnoreCase(element.getAttribute("name"))) {
                return element;
            }
        }
        if (!create) {
            return null;
        }
        Element element = parent.getOwnerDocument().createElement(tag);
        element.setAttribute("name", name);
        parent.appendChild(element);
        return element;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static String valueOf(Element key, String name) {
        Element value = child(key, "value", name, false);
        if (value == null) {
            return null;
        }
        String text = unquote(value.getTextContent().strip());
        return text.isEmpty() ? null : text;
    }

    /** Strips one pair of quotes and then one pair of braces: {@code "{5C6A...}"} -> {@code 5C6A...}. */
    static String unquote(String text) {
        String t = text;
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        if (t.length() >= 2 && t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static void setValue(Element key, String name, String text) {
        Element value = child(key, "value", name, false);
        if (text == null || text.isBlank()) {
            if (value != null) {
                key.removeChild(value);
            }
            return;
        }
        if (value == null) {
            value = child(key, "value", name, true);
        }
        if (!value.hasAttribute("type")) {
            value.setAttribute("type", "TString");
        }
        value.setTextContent("\"" + text.strip() + "\"");
    }

    private void save(Document document) throws IOException {
        dropBlankText(document.getDocumentElement());
        String xml;
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out.toString().strip() + "\n";
        } catch (TransformerException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, xml, StandardCharsets.UTF_8);
            Set<PosixFilePermission> permissions = Files.exists(file) ? Files.getPosixFilePermissions(file)
                    : Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
            Files.setPosixFilePermissions(tmp, permissions);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes whitespace-only text between elements, so that re-indenting does not pile up blank lines. */
    private static void dropBlankText(Element element) {
        NodeList nodes = element.getChildNodes();
        boolean hasElements = false;
        for (int i = 0; i < nodes.getLength(); i++) {
            hasElements |= nodes.item(i) instanceof Element;
        }
        for (int i = nodes.getLength() - 1; i >= 0; i--) {
            Node node = nodes.item(i);
            if (hasElements && node.getNodeType() == Node.TEXT_NODE && node.getTextContent().isBlank()) {
                element.removeChild(node);
            } else if (node instanceof Element child) {
                dropBlankText(child);
            }
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
