import { docFromParagraphs } from '../../../core/rich-text';

/**
 * The Co-Chairs' Report of the demo's first meeting (illustrative): written under the Chatham
 * House Rule, it names no participant and no affiliation; a test runs the attribution check on it.
 */
export const firstMeetingReport = docFromParagraphs([
  'The first meeting of the Study Group on Northeast Asia Peace and Cooperation was held in Seoul on 24 and 25 October 2019. Participants from the region took part with observers invited from outside it, all in a private capacity. This report is issued on the co-chairs’ own responsibility; under the Chatham House Rule, no remark is attributed.',
  'On how the region’s security structure differs from other regions, participants pointed to the absence of a standing multilateral security institution, the weight of unresolved historical and territorial questions, and a power transition that leaves strategic intentions uncertain. Several participants noted that bilateral alliances and partnerships provide stability but also shape how others read each move.',
  'On the sources of insecurity, the discussion turned first to trust on the Korean Peninsula and to the risk that incidents between military forces escalate for want of channels to manage them. Participants also named maritime frictions, the modernisation of missile and nuclear forces, and the erosion of arms-control arrangements.',
  'On non-traditional security, participants agreed that environmental degradation, transnational crime and pandemics cross borders regardless of political alignments, and that cooperation on them could build habits of consultation that later serve harder questions.',
  'On initiatives and mechanisms, participants examined proposals for a regional dialogue that would be open to any issue and to observers from outside the region, as the study group’s founding principles envisage. There was broad support for starting with functional cooperation and regular meetings of officials alongside experts; views differed on how soon security questions could be placed on such an agenda.',
  'Next steps: the co-chairs will circulate a list of issues for the open agenda, and a first round of expert assessments of the sources of insecurity will be prepared before the second meeting, to be hosted in China.',
  'The views expressed are those of the participants and do not necessarily represent those of their governments or institutions.',
]);

export const backgroundPaper = {
  title: 'Background paper: trust-building measures on the Korean Peninsula (demo)',
  fileName: 'background-paper-trust-building.pdf',
  paragraphs: [
    'This fictional paper is part of the demonstration data of Accord. It stands in for the background papers that participants prepare for a study group meeting.',
    'Trust-building measures aim to reduce the risk that an incident between armed forces escalates unintentionally. They range from hotlines and notification of exercises to joint search-and-rescue drills and exchanges between defence academies.',
    'The paper reviews arrangements agreed in the past, asks why some lapsed, and proposes three questions for the study group: which channels could be restored first; which could involve neighbouring states as guarantors or observers; and how the regional dialogue envisaged by the study group could support them.',
  ],
};
