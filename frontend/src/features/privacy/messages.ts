import { defineMessages } from "@/i18n/define";

export const privacyMessages = defineMessages(
  {
    "privacy.title": "Dados pessoais (LGPD)",
    "privacy.hint": "Somente proprietários e administradores. Cada ação fica registrada na auditoria.",
    "privacy.export": "Exportar dados do cliente",
    "privacy.exported": "Arquivo com os dados de {nickname} baixado.",
    "privacy.erase": "Anonimizar cliente",
    "privacy.eraseTitle": "Anonimizar {nickname}?",
    "privacy.eraseBody":
      "Nome, apelido, documentos, telefones, e-mails, endereço e textos das mensagens e perguntas deste comprador serão apagados em todos os pedidos, envios, mensagens, perguntas e no hub. Valores, datas, itens e tarifas continuam. Novas sincronizações não trazem os dados de volta. Não é possível desfazer.",
    "privacy.eraseConfirm": "Anonimizar definitivamente",
    "privacy.erased": "Cliente anonimizado: {orders} pedidos, {messages} mensagens, {questions} perguntas.",
    "privacy.failed": "Não foi possível concluir: {reason}",
    "privacy.cancel": "Cancelar",
    "privacy.close": "Fechar",
  },
  {
    "privacy.title": "Personal data (LGPD)",
    "privacy.hint": "Owners and admins only. Every action is recorded in the audit log.",
    "privacy.export": "Export customer data",
    "privacy.exported": "File with {nickname}'s data downloaded.",
    "privacy.erase": "Anonymise customer",
    "privacy.eraseTitle": "Anonymise {nickname}?",
    "privacy.eraseBody":
      "This buyer's name, nickname, documents, phones, e-mails, address and the texts of their messages and questions will be erased from every order, shipment, message, question and the hub. Amounts, dates, items and fees stay. Later syncs do not bring the data back. This cannot be undone.",
    "privacy.eraseConfirm": "Anonymise for good",
    "privacy.erased": "Customer anonymised: {orders} orders, {messages} messages, {questions} questions.",
    "privacy.failed": "Could not finish: {reason}",
    "privacy.cancel": "Cancel",
    "privacy.close": "Close",
  },
);
